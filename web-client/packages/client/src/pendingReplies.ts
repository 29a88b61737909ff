/**
 * PendingReplies remembers, by `ref`, the error handlers of commands sent with one, and hands an
 * `error` event answering one of them to its handler, once. A command the server accepts is never
 * answered by its `ref`, so the oldest handlers make room for new ones.
 */
import {
  type ChannelEvent,
  type ErrorCode,
  type Frame,
  isGlobalErrorEvent,
  isGlobalEvent,
  isSessionErrorEvent,
  isSessionEvent,
} from "@switchboard/contract";

/** How many commands sent with an error handler wait for an answer at once. */
export const MAX_PENDING_REPLIES = 100;

/** The server's `error` answering one command sent with `WebSocketClient.send`. */
export interface CommandError {
  code: ErrorCode;
  message: string;
}

/** The code and message of an `error` event (the server refusing a command), else null. */
function errorOf(frame: Frame<ChannelEvent>): CommandError | null {
  if (isGlobalEvent(frame)) {
    return isGlobalErrorEvent(frame) ? frame.data : null;
  }
  if (isSessionEvent(frame)) {
    return isSessionErrorEvent(frame) ? frame.data : null;
  }
  return null;
}

export class PendingReplies {
  private readonly handlers = new Map<string, (error: CommandError) => void>();

  /** Waits for an error answering `ref`, forgetting the oldest handler past the cap. */
  add(ref: string, onError: (error: CommandError) => void): void {
    this.handlers.set(ref, onError);
    if (this.handlers.size > MAX_PENDING_REPLIES) {
      this.handlers.delete(this.handlers.keys().next().value!);
    }
  }

  /** Hands `frame` to the handler waiting for its `ref` when it is an `error` event. */
  answer(frame: Frame<ChannelEvent>): void {
    const error = errorOf(frame);
    const onError = frame.ref == null ? undefined : this.handlers.get(frame.ref);
    if (error !== null && onError !== undefined) {
      this.handlers.delete(frame.ref!);
      onError({ code: error.code, message: error.message });
    }
  }
}
