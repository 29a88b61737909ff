/**
 * ConnectionStatusBanner shows, on every page, whether the live connection is up: its state
 * ("Reconnecting… (3/5)"), the average heartbeat latency, and a Reconnect button. When the server
 * speaks a contract this page cannot (it was updated), it says so and offers Reload instead: the
 * client sends nothing more, and a reconnect would meet the same server.
 */
import { formatLatency, getStatusColor, getStatusLabel } from "../lib/connectionStatus";
import { useWebSocket } from "../providers/webSocketContext";

export function ConnectionStatusBanner() {
  const { state, attempt, maxAttempts, averageLatencyMs, reconnect, contract } = useWebSocket();
  if (contract?.kind === "incompatible") {
    return (
      <div
        className="connection-banner connection-banner--outdated"
        data-testid="connection-banner"
        role="alert"
      >
        <span className="connection-banner__label">{contract.reason} Reload to continue.</span>
        <button
          type="button"
          className="connection-banner__button"
          onClick={() => window.location.reload()}
        >
          Reload
        </button>
      </div>
    );
  }
  const color = getStatusColor(state);
  return (
    <div
      className="connection-banner"
      data-testid="connection-banner"
      role="status"
      aria-live="polite"
      style={{ borderColor: color }}
    >
      <span
        className="connection-banner__dot"
        style={{ backgroundColor: color }}
        aria-hidden="true"
      />
      <span className="connection-banner__label">
        {getStatusLabel({ state, attempt, maxAttempts })}
      </span>
      <span className="connection-banner__latency" title="Average ping round trip, last 100 pings">
        Latency {formatLatency(averageLatencyMs)}
      </span>
      <button type="button" className="connection-banner__button" onClick={reconnect}>
        Reconnect
      </button>
    </div>
  );
}
