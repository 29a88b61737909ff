/**
 * The conversation of one session as the page shows it: the REST snapshot's messages, plus what
 * live events added (streamed output, completions), plus the user's messages still on their way.
 * Pure functions only; `useSessionWebSocket` feeds them the events.
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

/** A run of output from one stream; consecutive chunks of the same stream are merged. */
export interface OutputSegment {
  stream: OutputStreamName;
  text: string;
}

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
  /** The text: the user's message, or the agent's output by stream. */
  segments: OutputSegment[];
  createdAt: string;
  replyTo: string | null;
  exitCode: number | null;
  durationMs: number | null;
  /** The chunks the server says the reply has, once complete. */
  chunkCount: number | null;
  /** The `seq` the next streamed chunk must have; lower ones were already applied. */
  nextSeq: number;
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
export function fromSessionMessage(message: SessionMessage): ConversationMessage {
  return {
    id: message.id,
    clientMessageId: message.clientMessageId ?? null,
    role: message.role,
    status: message.status,
    segments: message.content === "" ? [] : [{ stream: STDOUT, text: message.content }],
    createdAt: message.createdAt,
    replyTo: message.replyTo ?? null,
    exitCode: message.exitCode ?? null,
    durationMs: null,
    chunkCount: null,
    nextSeq: 0,
    error: null,
    outputComplete: message.outputComplete,
  };
}

/** The state a REST snapshot describes; messages still being sent stay at the end. */
export function fromSnapshot(
  previous: ConversationState,
  session: SessionSummary,
  messages: SessionMessage[],
): ConversationState {
  const stored = messages.map(fromSessionMessage);
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
    segments: [{ stream: STDOUT, text }],
    createdAt: now.toISOString(),
    replyTo: null,
    exitCode: null,
    durationMs: null,
    chunkCount: null,
    nextSeq: 0,
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
export function addCreated(state: ConversationState, message: SessionMessage): ConversationState {
  const created = fromSessionMessage(message);
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

/** Appends a streamed chunk to its message, once: a chunk below `nextSeq` is a repeat. */
export function appendOutput(
  state: ConversationState,
  output: StreamOutputData,
): ConversationState {
  const index = state.messages.findIndex((message) => message.id === output.messageId);
  if (index < 0) {
    // Output of a reply this tab never saw created (it began before the snapshot was read):
    // show it rather than lose it.
    const placeholder: ConversationMessage = {
      ...fromSessionMessage({
        id: output.messageId,
        sessionId: state.session?.id ?? "",
        role: MessageRole.AGENT,
        status: MessageStatus.RUNNING,
        content: "",
        createdAt: new Date().toISOString(),
        outputComplete: true,
      }),
      nextSeq: output.seq,
    };
    return appendOutput({ ...state, messages: [...state.messages, placeholder] }, output);
  }
  const message = state.messages[index]!;
  if (output.seq < message.nextSeq) {
    return state;
  }
  const segments = [...message.segments];
  const last = segments.at(-1);
  if (last !== undefined && last.stream === output.stream) {
    segments[segments.length - 1] = { stream: last.stream, text: last.text + output.chunk };
  } else {
    segments.push({ stream: output.stream, text: output.chunk });
  }
  return replaceAt(state, index, { ...message, segments, nextSeq: output.seq + 1 });
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

/** The whole text of a message, every stream in order. */
export function messageText(message: ConversationMessage): string {
  return message.segments.map((segment) => segment.text).join("");
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
