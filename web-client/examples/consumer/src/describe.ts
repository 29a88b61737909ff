/**
 * What a consumer writes: an exhaustive `switch` over a channel's events. A new event type in
 * the contract fails `tsc` here until it is handled (fixtures/missing-case.ts shows the error).
 */
import type { Frame, SessionEvent } from "@switchboard/contract";

/** A one-line description of a session event. */
export function describeSessionEvent(event: Frame<SessionEvent>): string {
  switch (event.type) {
    case "message_created":
      return `${event.data.message.role} message ${event.data.message.id} created`;
    case "stream_output":
      return `chunk ${event.data.seq} of ${event.data.messageId} on ${event.data.stream}`;
    case "message_complete":
      return `message ${event.data.messageId} ${event.data.status} in ${event.data.chunkCount} chunks`;
    case "error":
      return `error ${event.data.code}: ${event.data.message}`;
    default: {
      const unhandled: never = event;
      return `unknown event ${JSON.stringify(unhandled)}`;
    }
  }
}
