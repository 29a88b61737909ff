/**
 * ConversationStore holds one session's conversation outside React and applies events to it as
 * they arrive, synchronously, so that a chunk streamed right after its reply's `message_created`
 * finds the reply (a reducer's state would only have it after the next render). Views read it
 * through `useSyncExternalStore`: a change of the message list notifies at once (such events are
 * few), while streamed output goes into the reply's own line store, which tells its view once per
 * animation frame (see {@link FrameBatcher}).
 */
import type { Frame, SessionEvent } from "@switchboard/contract";
import type { SessionSnapshot } from "@/client/lib/api";
import { FrameBatcher } from "../output/frameBatcher";
import { DEFAULT_REPLY_LINES } from "../output/replyLines";
import {
  addCreated,
  addSending,
  appendOutput,
  complete,
  type ConversationState,
  EMPTY_CONVERSATION,
  fromSnapshot,
  markNotSent,
  type OutputOptions,
} from "./conversation";

/**
 * Applies one live event of `session:<id>` to the conversation. The `switch` is exhaustive: a
 * new event type in the Java contract fails `tsc` here until it is handled.
 */
export function applySessionEvent(
  state: ConversationState,
  event: Frame<SessionEvent>,
  options?: OutputOptions,
): ConversationState {
  switch (event.type) {
    case "message_created":
      return addCreated(state, event.data.message, options);
    case "stream_output":
      return appendOutput(state, event.data, options);
    case "message_complete":
      return complete(state, event.data);
    case "error":
      return { ...state, lastError: event.data };
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

/** What can happen to a conversation. */
export type ConversationAction =
  | { kind: "snapshot"; snapshot: SessionSnapshot }
  | { kind: "event"; event: Frame<SessionEvent> }
  | { kind: "sending"; clientMessageId: string; text: string; now: Date }
  | { kind: "not-sent"; clientMessageId: string; reason: string }
  | { kind: "dismiss-error" };

function reduce(
  state: ConversationState,
  action: ConversationAction,
  options: OutputOptions,
): ConversationState {
  switch (action.kind) {
    case "snapshot":
      return fromSnapshot(state, action.snapshot.session, action.snapshot.messages, options);
    case "event":
      return applySessionEvent(state, action.event, options);
    case "sending":
      return addSending(state, action.clientMessageId, action.text, action.now);
    case "not-sent":
      return markNotSent(state, action.clientMessageId, action.reason);
    case "dismiss-error":
      return { ...state, lastError: null };
    default: {
      const _exhaustive: never = action;
      return _exhaustive;
    }
  }
}

export interface ConversationStoreOptions {
  /** Lines each reply keeps (`switchboard.ui.reply-lines`). */
  maxLines?: number;
  /** Paints output; one per store unless a test passes its own. */
  batcher?: FrameBatcher | null;
}

export class ConversationStore {
  private state: ConversationState = EMPTY_CONVERSATION;
  private readonly listeners = new Set<() => void>();
  private options: OutputOptions;

  constructor({
    maxLines = DEFAULT_REPLY_LINES,
    batcher = new FrameBatcher(),
  }: ConversationStoreOptions = {}) {
    this.options = { maxLines, batcher };
  }

  /** Lines kept by replies created from now on. */
  setMaxLines(maxLines: number): void {
    this.options = { ...this.options, maxLines };
  }

  getSnapshot = (): ConversationState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Applies `action` now; listeners hear of it only when the message list changed. */
  dispatch = (action: ConversationAction): void => {
    const next = reduce(this.state, action, this.options);
    if (next !== this.state) {
      this.state = next;
      for (const listener of [...this.listeners]) {
        listener();
      }
    }
  };
}
