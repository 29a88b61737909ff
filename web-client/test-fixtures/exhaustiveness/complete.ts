// A switch with a case for every SessionEvent: it must compile (see exhaustiveness.test.ts).
import type { SessionEvent } from "@switchboard/contract";

export function describeSessionEvent(event: SessionEvent): string {
  switch (event.type) {
    case "message_created":
      return `message ${event.data.message.id} created`;
    case "stream_output":
      return `chunk ${event.data.seq} of ${event.data.messageId}`;
    case "message_complete":
      return `message ${event.data.messageId} ended ${event.data.status}`;
    case "error":
      return `error ${event.data.code}: ${event.data.message}`;
    default: {
      const _exhaustive: never = event;
      return `unknown event ${JSON.stringify(_exhaustive)}`;
    }
  }
}
