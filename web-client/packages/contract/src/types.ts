/**
 * The protocol's types under the names clients use. Everything here comes from the generated
 * contract (`generated/contract.ts`, written from the Java records): this file only renames and
 * groups, so a new event in Java reaches every `switch` below it through `tsc`.
 */
import type * as Contract from "./generated/contract.js";
import {
  GlobalCommandType,
  GlobalEventType,
  ProjectEventType,
  SessionCommandType,
  SessionEventType,
  ShellCommandType,
  ShellEventType,
} from "./generated/enums.js";

// The generated base interfaces (`Contract.SessionEvent` etc.) only list the type names; the
// unions below are the discriminated types to switch over.

/** Events the server sends on `global`, the implicit per-connection channel. */
export type GlobalEvent = Contract.GlobalEventUnion;
/** Commands the client sends on `global`: heartbeat and subscriptions. */
export type GlobalCommand = Contract.GlobalCommandUnion;
/** Events the server sends on `project:<id>`: the project's session list changed. */
export type ProjectEvent = Contract.ProjectEventUnion;
/** Events the server sends on `session:<id>`: messages and streamed output. */
export type SessionEvent = Contract.SessionEventUnion;
/** Commands the client sends on `session:<id>`. */
export type SessionCommand = Contract.SessionCommandUnion;
/** Events the server sends on `shell:<id>`, over the shell's own socket. */
export type ShellEvent = Contract.ShellEventUnion;
/** Commands the client sends on `shell:<id>`, over the shell's own socket. */
export type ShellCommand = Contract.ShellCommandUnion;

/** Every event the server sends, on any channel. */
export type ChannelEvent = GlobalEvent | ProjectEvent | SessionEvent | ShellEvent;
/** Every command the client sends, on any channel. */
export type ClientCommand = GlobalCommand | SessionCommand | ShellCommand;

/** The transport fields beside `channel`, `type` and `data`: `ref` and `offset`. */
export type FrameMeta = Contract.FrameMeta;

/**
 * A frame as it travels: an event or command plus its transport fields. `ref` is set by the
 * client on a command and echoed on the direct reply; `offset` is the event's position in a
 * recoverable channel's stream.
 */
export type Frame<E extends ChannelEvent | ClientCommand = ChannelEvent | ClientCommand> = E &
  FrameMeta;

/** The type names of each family, as string literal unions. */
export type GlobalEventTypeName = GlobalEvent["type"];
export type GlobalCommandTypeName = GlobalCommand["type"];
export type ProjectEventTypeName = ProjectEvent["type"];
export type SessionEventTypeName = SessionEvent["type"];
export type SessionCommandTypeName = SessionCommand["type"];
export type ShellEventTypeName = ShellEvent["type"];
export type ShellCommandTypeName = ShellCommand["type"];

// Runtime constants: the generated `as const` objects, under the seed's names. Use them to build
// frames (`type: SessionCommandTypes.SEND_MESSAGE`) and in guards; switch on string literals.
export const GlobalEventTypes = GlobalEventType;
export const GlobalCommandTypes = GlobalCommandType;
export const ProjectEventTypes = ProjectEventType;
export const SessionEventTypes = SessionEventType;
export const SessionCommandTypes = SessionCommandType;
export const ShellEventTypes = ShellEventType;
export const ShellCommandTypes = ShellCommandType;

// Events and commands, one interface each.
export type {
  CancelCommand,
  ConnectedEvent,
  GlobalErrorEvent,
  MessageCompleteEvent,
  MessageCreatedEvent,
  PingCommand,
  PongEvent,
  SendMessageCommand,
  SessionCreatedEvent,
  SessionDeletedEvent,
  SessionErrorEvent,
  SessionUpdatedEvent,
  ShellErrorEvent,
  ShellExitEvent,
  ShellInitCommand,
  ShellInitEvent,
  ShellInputCommand,
  ShellOutputEvent,
  ShellResizeCommand,
  StreamOutputEvent,
  SubscribeCommand,
  SubscriptionErrorEvent,
  SubscriptionSuccessEvent,
  UnsubscribeCommand,
  UnsubscribedEvent,
} from "./generated/contract.js";

// Payloads and the records they contain.
export type {
  CancelData,
  ConnectedData,
  ConnectionLimits,
  DateAsString,
  GlobalErrorData,
  MessageCompleteData,
  MessageCreatedData,
  PingData,
  PongData,
  SendMessageData,
  SessionDeletedData,
  SessionErrorData,
  SessionMessage,
  SessionSummary,
  ShellErrorData,
  ShellExitData,
  ShellInitData,
  ShellInputData,
  ShellOutputData,
  ShellSize,
  StreamOutputData,
  StreamPosition,
  SubscribeData,
  SubscriptionErrorData,
  SubscriptionSuccessData,
  UnsubscribeData,
  UnsubscribedData,
} from "./generated/contract.js";

// Value enums used inside payloads and by the transport: each is an `as const` object (the
// runtime values) and a union type of the same name.
export {
  ChannelKind,
  CloseCode,
  ErrorCode,
  GlobalCommandType,
  GlobalEventType,
  MessageRole,
  MessageStatus,
  OutputStreamName,
  ProjectEventType,
  SessionCommandType,
  SessionEventType,
  SessionStatus,
  ShellCommandType,
  ShellEventType,
} from "./generated/enums.js";
