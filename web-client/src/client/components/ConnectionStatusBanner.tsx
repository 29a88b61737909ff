/**
 * ConnectionStatusBanner shows, on every page, whether the live connection is up: its state
 * ("Reconnecting… (3/5)"), the average heartbeat latency, and a Reconnect button.
 */
import { formatLatency, getStatusColor, getStatusLabel } from "../lib/connectionStatus";
import { useWebSocket } from "../providers/webSocketContext";

export function ConnectionStatusBanner() {
  const { state, attempt, maxAttempts, averageLatencyMs, reconnect } = useWebSocket();
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
