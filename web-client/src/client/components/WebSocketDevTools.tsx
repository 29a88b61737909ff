/**
 * WebSocketDevTools is a floating panel (bottom right) for debugging the live connection: the
 * last 50 frames in and out, filterable by channel; the subscriptions with their state and
 * position; the metrics with a latency graph; and reconnect / disconnect / clear. Ctrl+Shift+W
 * (Cmd+Shift+W on a Mac) or the corner button toggles it.
 *
 * This module is only ever loaded by a dynamic `import()` (see DevToolsLoader), in development
 * builds or when the server sets `switchboard.ui.dev-tools: true`; a test checks that the
 * production entry chunk does not contain it. While mounted it also sets
 * `window.__WS_METRICS__`.
 */
import { useEffect, useState, useSyncExternalStore } from "react";
import { formatLatency } from "../lib/connectionStatus";
import { CONTRACT } from "@switchboard/contract";
import type { WebSocketMetrics } from "@switchboard/client";
import { exposeMetrics } from "../lib/metricsExposure";
import { useWebSocket } from "../providers/webSocketContext";
import { channelsOf, filterFrames, FrameLog } from "./devtools/frameLog";
import { sparklinePoints } from "./devtools/sparkline";
import { subscriptionStatus } from "./devtools/subscriptionStatus";

/** The panel's test id; also the marker the bundle test looks for outside this chunk. */
export const DEV_TOOLS_MARKER = "switchboard-ws-devtools";

const GRAPH_WIDTH = 240;
const GRAPH_HEIGHT = 40;
const GRAPH_PADDING = 4;

/** Whether a key event is the toggle shortcut, Ctrl+Shift+W or Cmd+Shift+W. */
export function isToggleShortcut(
  event: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "shiftKey">,
) {
  return (event.ctrlKey || event.metaKey) && event.shiftKey && event.key.toLowerCase() === "w";
}

export default function WebSocketDevTools() {
  const ws = useWebSocket();
  const { tapFrames, getRecentFrames, metrics } = ws;
  const [log] = useState(() => new FrameLog(getRecentFrames()));
  const [open, setOpen] = useState(false);

  useEffect(() => tapFrames(log.add), [tapFrames, log]);
  useEffect(() => exposeMetrics(metrics, true), [metrics]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isToggleShortcut(event)) {
        event.preventDefault();
        setOpen((value) => !value);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  if (!open) {
    return (
      <button
        type="button"
        className="devtools-toggle"
        onClick={() => setOpen(true)}
        aria-label="Open WebSocket dev tools (Ctrl+Shift+W)"
        title="WebSocket dev tools (Ctrl+Shift+W)"
      >
        WS
      </button>
    );
  }
  return <Panel log={log} onClose={() => setOpen(false)} />;
}

function Panel({ log, onClose }: { log: FrameLog; onClose: () => void }) {
  const {
    state,
    connectionId,
    contract,
    metrics,
    getSubscriptions,
    getRejectedFrames,
    reconnect,
    disconnect,
  } = useWebSocket();
  // Re-read on every metrics change: a rejected frame bumps messagesRejected.
  const rejected = useSyncExternalStore(
    metrics.subscribe.bind(metrics),
    () => metrics.snapshot().messagesRejected,
  );
  const frames = useSyncExternalStore(log.subscribe, log.snapshot);
  // Read on every render: each frame in or out re-renders the panel through the log.
  const subscriptions = getSubscriptions();
  const [channel, setChannel] = useState<string | null>(null);
  const shown = filterFrames(frames, channel);

  return (
    <section
      className="devtools"
      data-testid={DEV_TOOLS_MARKER}
      aria-label="WebSocket dev tools"
      role="dialog"
      aria-modal="false"
    >
      <header className="devtools__header">
        <strong>WebSocket</strong>
        <span className="devtools__state">
          {state}
          {connectionId !== null && ` · ${connectionId}`}
        </span>
        <button type="button" className="devtools__close" onClick={onClose} aria-label="Close">
          ×
        </button>
      </header>
      <p className="devtools__contract" data-testid="devtools-contract">
        Contract: this page {CONTRACT.version} ({CONTRACT.hash})
        {contract !== null &&
          ` · server ${contract.server.version} (${contract.server.hash}) · ${contract.kind}`}
        {contract?.kind === "compatible" && ` · ${contract.detail}`}
        {contract?.kind === "incompatible" && ` · ${contract.reason}`}
      </p>
      <Metrics metrics={metrics} />
      <div className="devtools__section">
        <h3>Subscriptions</h3>
        <ul className="devtools__channels" data-testid="devtools-subscriptions">
          {subscriptions.map((subscription) => (
            <li key={subscription.channel}>
              <code>{subscription.channel}</code>{" "}
              <span className="devtools__muted">{subscriptionStatus(subscription)}</span>
            </li>
          ))}
          {subscriptions.length === 0 && <li className="devtools__muted">none</li>}
        </ul>
      </div>
      {rejected > 0 && (
        <div className="devtools__section">
          <h3>Rejected frames ({rejected})</h3>
          <ol className="devtools__rejected" data-testid="devtools-rejected">
            {getRejectedFrames().map((frame, index) => (
              <li key={`${frame.at}-${index}`}>
                <details>
                  <summary>{frame.problem}</summary>
                  <pre>{frame.text}</pre>
                </details>
              </li>
            ))}
          </ol>
        </div>
      )}
      <div className="devtools__section devtools__section--grow">
        <div className="devtools__frames-header">
          <h3>Frames</h3>
          <label>
            <span className="visually-hidden">Filter by channel</span>
            <select
              value={channel ?? ""}
              onChange={(event) =>
                setChannel(event.target.value === "" ? null : event.target.value)
              }
            >
              <option value="">all channels</option>
              {channelsOf(frames).map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        </div>
        <ol className="devtools__frames" data-testid="devtools-frames">
          {shown.map((frame, index) => (
            <li key={`${frame.at}-${index}`} className={`frame frame--${frame.direction}`}>
              <details>
                <summary>
                  <span aria-label={frame.direction === "in" ? "received" : "sent"}>
                    {frame.direction === "in" ? "↓" : "↑"}
                  </span>{" "}
                  <span className="frame__time">{new Date(frame.at).toLocaleTimeString()}</span>{" "}
                  <code>{frame.channel ?? "?"}</code> <strong>{frame.type ?? "invalid"}</strong>
                </summary>
                <pre>{frame.text}</pre>
              </details>
            </li>
          ))}
          {shown.length === 0 && <li className="devtools__muted">no frames yet</li>}
        </ol>
      </div>
      <footer className="devtools__actions">
        <button type="button" className="button" onClick={reconnect}>
          Reconnect
        </button>
        <button type="button" className="button" onClick={disconnect}>
          Disconnect
        </button>
        <button type="button" className="button" onClick={log.clear}>
          Clear
        </button>
      </footer>
    </section>
  );
}

function Metrics({ metrics }: { metrics: WebSocketMetrics }) {
  const snapshot = useSyncExternalStore(
    (listener) => metrics.subscribe(listener),
    () => metrics.snapshot(),
  );
  const points = sparklinePoints(snapshot.latenciesMs, GRAPH_WIDTH, GRAPH_HEIGHT, GRAPH_PADDING);
  return (
    <div className="devtools__section">
      <dl className="devtools__metrics" data-testid="devtools-metrics">
        <div>
          <dt>Sent</dt>
          <dd>{snapshot.messagesSent}</dd>
        </div>
        <div>
          <dt>Received</dt>
          <dd>{snapshot.messagesReceived}</dd>
        </div>
        <div>
          <dt>Reconnections</dt>
          <dd>{snapshot.reconnections}</dd>
        </div>
        <div title="Subscription answers ignored: they answered an earlier subscription of a channel left and followed again before the server answered">
          <dt>Stale answers</dt>
          <dd>{snapshot.staleAnswers}</dd>
        </div>
        <div>
          <dt>Avg latency</dt>
          <dd>{formatLatency(snapshot.averageLatencyMs)}</dd>
        </div>
      </dl>
      {points === "" ? (
        <p className="devtools__graph devtools__muted">no pings yet</p>
      ) : (
        <svg
          className="devtools__graph"
          viewBox={`0 0 ${GRAPH_WIDTH} ${GRAPH_HEIGHT}`}
          preserveAspectRatio="none"
          role="img"
          aria-label={`Latency of the last ${snapshot.latenciesMs.length} pings`}
        >
          <polyline
            points={points}
            fill="none"
            strokeWidth="1.5"
            vectorEffect="non-scaling-stroke"
          />
        </svg>
      )}
    </div>
  );
}
