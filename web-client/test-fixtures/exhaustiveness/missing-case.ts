// complete.ts without `case "stream_output"`: it must fail with TS2322 on the `never` line
// (see exhaustiveness.test.ts).
import type { SessionEvent } from "@switchboard/contract";

export function describeSessionEvent(event: SessionEvent): string {
  switch (event.type) {
    case "message_created":
      return `message ${event.data.message.id} created`;
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
