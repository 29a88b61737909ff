/**
 * Runtime checks for frames read from a socket. A family guard accepts a frame when its channel is
 * of the family's kind and its `type` is one of the family's generated type names; payloads are
 * trusted to match the contract (the golden-vector tests hold the server to it). Event guards are
 * for frames the server sent and command guards for frames a client sent: a shell `init` command
 * and a shell `init` event look alike, so never apply a guard of the other direction.
 */
import { parseChannel } from "./channels.js";
import {
  ChannelKind,
  GlobalCommandType,
  GlobalEventType,
  ProjectEventType,
  SessionCommandType,
  SessionEventType,
  ShellCommandType,
  ShellEventType,
} from "./generated/enums.js";
import type {
  ChannelEvent,
  ClientCommand,
  Frame,
  GlobalCommand,
  GlobalEvent,
  ProjectEvent,
  SessionCommand,
  SessionEvent,
  ShellCommand,
  ShellEvent,
} from "./types.js";

/** The envelope every frame has, before its family is known. */
export interface WebSocketMessage {
  channel: string;
  type: string;
  data: Record<string, unknown>;
  ref?: string;
  offset?: number;
}

/** A type guard for one family of frames. */
export type FrameGuard<E extends ChannelEvent | ClientCommand> = (
  value: unknown,
) => value is Frame<E>;

/**
 * Whether `value` has the frame envelope: string `channel` and `type`, an object `data`, and
 * optionally a string `ref` and a non-negative integer `offset`.
 */
export function isWebSocketMessage(value: unknown): value is WebSocketMessage {
  if (!isPlainObject(value)) {
    return false;
  }
  const { channel, type, data, ref, offset } = value;
  return (
    typeof channel === "string" &&
    typeof type === "string" &&
    isPlainObject(data) &&
    (ref === undefined || typeof ref === "string") &&
    (offset === undefined || isNonNegativeInteger(offset))
  );
}

/** A frame the server sent on `global`. */
export const isGlobalEvent: FrameGuard<GlobalEvent> = familyGuard(
  ChannelKind.GLOBAL,
  GlobalEventType,
);

/** A frame the server sent on `project:<id>`. */
export const isProjectEvent: FrameGuard<ProjectEvent> = familyGuard(
  ChannelKind.PROJECT,
  ProjectEventType,
);

/** A frame the server sent on `session:<id>`. */
export const isSessionEvent: FrameGuard<SessionEvent> = familyGuard(
  ChannelKind.SESSION,
  SessionEventType,
);

/** A frame the server sent on `shell:<id>`. */
export const isShellEvent: FrameGuard<ShellEvent> = familyGuard(ChannelKind.SHELL, ShellEventType);

/** A frame a client sent on `global`. */
export const isGlobalCommand: FrameGuard<GlobalCommand> = familyGuard(
  ChannelKind.GLOBAL,
  GlobalCommandType,
);

/** A frame a client sent on `session:<id>`. */
export const isSessionCommand: FrameGuard<SessionCommand> = familyGuard(
  ChannelKind.SESSION,
  SessionCommandType,
);

/** A frame a client sent on `shell:<id>`. */
export const isShellCommand: FrameGuard<ShellCommand> = familyGuard(
  ChannelKind.SHELL,
  ShellCommandType,
);

/** Any frame the server may send, on any channel. */
export function isChannelEvent(value: unknown): value is Frame<ChannelEvent> {
  return (
    isGlobalEvent(value) || isProjectEvent(value) || isSessionEvent(value) || isShellEvent(value)
  );
}

/** Any frame a client may send, on any channel. */
export function isClientCommand(value: unknown): value is Frame<ClientCommand> {
  return isGlobalCommand(value) || isSessionCommand(value) || isShellCommand(value);
}

function familyGuard<E extends ChannelEvent | ClientCommand>(
  kind: ChannelKind,
  typeNames: Record<string, E["type"]>,
): FrameGuard<E> {
  const types: ReadonlySet<string> = new Set(Object.values(typeNames));
  return (value: unknown): value is Frame<E> =>
    isWebSocketMessage(value) &&
    types.has(value.type) &&
    parseChannel(value.channel)?.kind === kind;
}

function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// Per-type guards generated with the contract, for narrowing a family's union without comparing
// `type` to a hand-written string: `if (isStreamOutputEvent(event)) { ... }`.
export {
  isCancelCommand,
  isConnectedEvent,
  isGlobalErrorEvent,
  isMessageCompleteEvent,
  isMessageCreatedEvent,
  isPingCommand,
  isPongEvent,
  isSendMessageCommand,
  isSessionCreatedEvent,
  isSessionDeletedEvent,
  isSessionErrorEvent,
  isSessionUpdatedEvent,
  isShellErrorEvent,
  isShellExitEvent,
  isShellInitCommand,
  isShellInitEvent,
  isShellInputCommand,
  isShellOutputEvent,
  isShellResizeCommand,
  isStreamOutputEvent,
  isSubscribeCommand,
  isSubscriptionErrorEvent,
  isSubscriptionSuccessEvent,
  isUnsubscribeCommand,
  isUnsubscribedEvent,
} from "./generated/contract.js";
