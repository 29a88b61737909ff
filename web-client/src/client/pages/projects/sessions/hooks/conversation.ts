/**
 * The conversation of one session as the page shows it: the REST snapshot's messages, plus what
 * live events added (streamed output, completions), plus the user's messages still on their way.
 * `useSessionConversation` feeds these functions the events through a {@link ConversationStore}.
 *
 * Every function returns a new state for a change of the message list, except one:
 * {@link appendOutput} appends a chunk in place to its reply's {@link ReplyLines} (whose identity
 * never changes) and returns the same state, so a chunk costs O(chunk) and re-renders nothing but
 * that reply's output view, once per animation frame (issue 20).
 */
import {
  type MessageCompleteData,
  MessageRole,
  MessageStatus,
  type OutputStreamName,
  type SessionErrorData,
  type SessionMessage,
  type SessionSummary,
  type StreamOutputData,
} from "@switchboard/contract";
import type { FrameBatcher } from "../output/frameBatcher";
import { DEFAULT_REPLY_LINES, ReplyLines } from "../output/replyLines";

/** How replies keep their output: lines kept per reply, and the batcher that paints them. */
export interface OutputOptions {
  maxLines: number;
  batcher: FrameBatcher | null;
}

/** Replies keep {@link DEFAULT_REPLY_LINES} lines and tell their views at once (tests). */
export const IMMEDIATE_OUTPUT: OutputOptions = { maxLines: DEFAULT_REPLY_LINES, batcher: null };

/** A message of the conversation: a server message, or a user message not yet confirmed. */
export interface ConversationMessage {
  /** The server's id; `pending:<clientMessageId>` until the server confirms a sent message. */
  id: string;
  clientMessageId: string | null;
  role: MessageRole;
  /**
   * `sending` while a message the user sent has not come back as `message_created`; `not_sent`
   * when the server refused it (its text stays, with the reason in `error`).
   */
  status: MessageStatus | "sending" | "not_sent";
  /** Why the server refused a `not_sent` message; null otherwise. */
  error: string | null;
  /** The user's text; empty for an agent reply. */
  text: string;
  /** An agent reply's output, appended in place as it streams; null for a user message. */
  output: ReplyLines | null;
  createdAt: string;
  replyTo: string | null;
  exitCode: number | null;
  durationMs: number | null;
  /** The chunks the server says the reply has, once complete. */
  chunkCount: number | null;
  /**
   * False when the server stopped abruptly while the reply ran: its stored output may end before
   * what the agent printed, and the page says so instead of showing a silent gap.
   */
  outputComplete: boolean;
}

export interface ConversationState {
  session: SessionSummary | null;
  messages: ConversationMessage[];
  /** The last `error` event of the session (a refused send, a failed start), until dismissed. */
  lastError: SessionErrorData | null;
}

export const EMPTY_CONVERSATION: ConversationState = {
  session: null,
  messages: [],
  lastError: null,
};

const STDOUT = "stdout" as OutputStreamName;

/** One conversation message from a stored one. */
export function fromSessionMessage(
  message: SessionMessage,
  options: OutputOptions = IMMEDIATE_OUTPUT,
): ConversationMessage {
  const isUser = message.role === MessageRole.USER;
  const output = isUser ? null : new ReplyLines(options.maxLines, options.batcher);
  output?.append(message.content, STDOUT);
  return {
    id: message.id,
    clientMessageId: message.clientMessageId ?? null,
    role: message.role,
    status: message.status,
    text: isUser ? message.content : "",
    output,
    createdAt: message.createdAt,
    replyTo: message.replyTo ?? null,
    exitCode: message.exitCode ?? null,
    durationMs: null,
    chunkCount: null,
    error: null,
    outputComplete: message.outputComplete,
  };
}

/** The state a REST snapshot describes; messages still being sent stay at the end. */
export function fromSnapshot(
  previous: ConversationState,
  session: SessionSummary,
  messages: SessionMessage[],
  options: OutputOptions = IMMEDIATE_OUTPUT,
): ConversationState {
  const stored = messages.map((message) => fromSessionMessage(message, options));
  const confirmed = new Set(stored.map((message) => message.clientMessageId));
  const stillSending = previous.messages.filter(
    (message) =>
      (message.status === "sending" || message.status === "not_sent") &&
      !confirmed.has(message.clientMessageId),
  );
  return { session, messages: [...stored, ...stillSending], lastError: previous.lastError };
}

/** Adds a message the user just sent, shown as `sending` until the server confirms it. */
export function addSending(
  state: ConversationState,
  clientMessageId: string,
  text: string,
  now: Date,
): ConversationState {
  const message: ConversationMessage = {
    id: `pending:${clientMessageId}`,
    clientMessageId,
    role: MessageRole.USER,
    status: "sending",
    text,
    output: null,
    createdAt: now.toISOString(),
    replyTo: null,
    exitCode: null,
    durationMs: null,
    chunkCount: null,
    error: null,
    outputComplete: true,
  };
  return { ...state, messages: [...state.messages, message] };
}

/** Marks a message still on its way as refused by the server; its text stays in view. */
export function markNotSent(
  state: ConversationState,
  clientMessageId: string,
  reason: string,
): ConversationState {
  const index = state.messages.findIndex(
    (message) => message.status === "sending" && message.clientMessageId === clientMessageId,
  );
  if (index < 0) {
    return state;
  }
  return replaceAt(state, index, { ...state.messages[index]!, status: "not_sent", error: reason });
}

/** Adds (or replaces, when it confirms a sent one or repeats a known id) a created message. */
export function addCreated(
  state: ConversationState,
  message: SessionMessage,
  options: OutputOptions = IMMEDIATE_OUTPUT,
): ConversationState {
  const created = fromSessionMessage(message, options);
  const index = state.messages.findIndex(
    (existing) =>
      existing.id === created.id ||
      (created.clientMessageId !== null && existing.clientMessageId === created.clientMessageId),
  );
  if (index < 0) {
    return { ...state, messages: [...state.messages, created] };
  }
  const messages = [...state.messages];
  messages[index] = created;
  return { ...state, messages };
}

/**
 * Appends a streamed chunk to its reply, once (a chunk below the reply's `nextSeq` is a repeat),
 * in place: the state returned is the same object unless the reply was unknown.
 */
export function appendOutput(
  state: ConversationState,
  output: StreamOutputData,
  options: OutputOptions = IMMEDIATE_OUTPUT,
): ConversationState {
  // The running reply is almost always the last message: look from the end.
  let index = state.messages.length - 1;
  while (index >= 0 && state.messages[index]!.id !== output.messageId) {
    index -= 1;
  }
  if (index < 0) {
    // Output of a reply this tab never saw created (it began before the snapshot was read):
    // show it rather than lose it.
    const placeholder = fromSessionMessage(
      {
        id: output.messageId,
        sessionId: state.session?.id ?? "",
        role: MessageRole.AGENT,
        status: MessageStatus.RUNNING,
        content: "",
        createdAt: new Date().toISOString(),
        outputComplete: true,
      },
      options,
    );
    placeholder.output!.startAt(output.seq);
    placeholder.output!.appendChunk(output.seq, output.chunk, output.stream);
    return { ...state, messages: [...state.messages, placeholder] };
  }
  state.messages[index]!.output?.appendChunk(output.seq, output.chunk, output.stream);
  return state;
}

/** Records how a reply ended: status, exit code, duration, chunk count, whether output is whole. */
export function complete(state: ConversationState, done: MessageCompleteData): ConversationState {
  const index = state.messages.findIndex((message) => message.id === done.messageId);
  if (index < 0) {
    return state;
  }
  const message = state.messages[index]!;
  return replaceAt(state, index, {
    ...message,
    status: done.status,
    exitCode: done.exitCode ?? null,
    durationMs: done.durationMs,
    chunkCount: done.chunkCount,
    outputComplete: done.outputComplete,
  });
}

/** The agent reply still running, if any: the one `cancel` stops. */
export function runningReply(state: ConversationState): ConversationMessage | null {
  return (
    state.messages.find(
      (message) => message.role === MessageRole.AGENT && message.status === MessageStatus.RUNNING,
    ) ?? null
  );
}

/** The whole text of a message: the user's text, or every output line a reply kept. */
export function messageText(message: ConversationMessage): string {
  return message.output === null ? message.text : message.output.text();
}

function replaceAt(
  state: ConversationState,
  index: number,
  message: ConversationMessage,
): ConversationState {
  const messages = [...state.messages];
  messages[index] = message;
  return { ...state, messages };
}
