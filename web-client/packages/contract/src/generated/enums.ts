// Written from the Java contract by GeneratedArtifactsTest: do not edit.
// Regenerate with ./mvnw -pl contract test -Dcontract.update

import type * as Contract from "./contract.js";

export const ChannelKind = {
  GLOBAL: "global",
  PROJECT: "project",
  SESSION: "session",
  SHELL: "shell",
} as const satisfies Record<string, Contract.ChannelKind>;
export type ChannelKind = Contract.ChannelKind;

export const CloseCode = {
  NORMAL: 1000,
  GOING_AWAY: 1001,
  PROTOCOL_ERROR: 1002,
  UNSUPPORTED_DATA: 1003,
  INVALID_PAYLOAD: 1007,
  POLICY_VIOLATION: 1008,
  MESSAGE_TOO_BIG: 1009,
  INTERNAL_ERROR: 1011,
  SLOW_CONSUMER: 4000,
  SERVER_DRAINING: 4001,
  IDLE_TIMEOUT: 4002,
  UNAUTHORIZED: 4500,
  TOO_MANY_PROTOCOL_ERRORS: 4501,
  RATE_LIMIT_ABUSE: 4502,
  TOO_MANY_CONNECTIONS: 4503,
  SHELL_ENDED: 4504,
  SHELL_REPLACED: 4505,
} as const satisfies Record<string, Contract.CloseCode>;
export type CloseCode = Contract.CloseCode;

export const ErrorCode = {
  BAD_REQUEST: "bad_request",
  UNKNOWN_TYPE: "unknown_type",
  INVALID_CHANNEL: "invalid_channel",
  FORBIDDEN: "forbidden",
  UNAUTHORIZED: "unauthorized",
  NOT_FOUND: "not_found",
  TOO_MANY_SUBSCRIPTIONS: "too_many_subscriptions",
  RATE_LIMITED: "rate_limited",
  PAYLOAD_TOO_LARGE: "payload_too_large",
  CONFLICT: "conflict",
  TOO_MANY_RUNS: "too_many_runs",
  NODE_BUSY: "node_busy",
  UNAVAILABLE: "unavailable",
  INTERNAL: "internal",
} as const satisfies Record<string, Contract.ErrorCode>;
export type ErrorCode = Contract.ErrorCode;

export const GlobalCommandType = {
  PING: "ping",
  SUBSCRIBE: "subscribe",
  UNSUBSCRIBE: "unsubscribe",
} as const satisfies Record<string, Contract.GlobalCommandType>;
export type GlobalCommandType = Contract.GlobalCommandType;

export const GlobalEventType = {
  CONNECTED: "connected",
  PONG: "pong",
  SUBSCRIPTION_SUCCESS: "subscription_success",
  SUBSCRIPTION_ERROR: "subscription_error",
  UNSUBSCRIBED: "unsubscribed",
  ERROR: "error",
  DRAINING: "draining",
} as const satisfies Record<string, Contract.GlobalEventType>;
export type GlobalEventType = Contract.GlobalEventType;

export const MessageRole = {
  USER: "user",
  AGENT: "agent",
} as const satisfies Record<string, Contract.MessageRole>;
export type MessageRole = Contract.MessageRole;

export const MessageStatus = {
  RUNNING: "running",
  COMPLETED: "completed",
  FAILED: "failed",
  CANCELLED: "cancelled",
  TIMED_OUT: "timed_out",
  INTERRUPTED: "interrupted",
} as const satisfies Record<string, Contract.MessageStatus>;
export type MessageStatus = Contract.MessageStatus;

export const OutputStreamName = {
  STDOUT: "stdout",
  STDERR: "stderr",
} as const satisfies Record<string, Contract.OutputStreamName>;
export type OutputStreamName = Contract.OutputStreamName;

export const ProjectEventType = {
  SESSION_CREATED: "session_created",
  SESSION_UPDATED: "session_updated",
  SESSION_DELETED: "session_deleted",
} as const satisfies Record<string, Contract.ProjectEventType>;
export type ProjectEventType = Contract.ProjectEventType;

export const SessionCommandType = {
  SEND_MESSAGE: "send_message",
  CANCEL: "cancel",
} as const satisfies Record<string, Contract.SessionCommandType>;
export type SessionCommandType = Contract.SessionCommandType;

export const SessionEventType = {
  MESSAGE_CREATED: "message_created",
  STREAM_OUTPUT: "stream_output",
  MESSAGE_COMPLETE: "message_complete",
  ERROR: "error",
} as const satisfies Record<string, Contract.SessionEventType>;
export type SessionEventType = Contract.SessionEventType;

export const SessionStatus = {
  IDLE: "idle",
  RUNNING: "running",
} as const satisfies Record<string, Contract.SessionStatus>;
export type SessionStatus = Contract.SessionStatus;

export const ShellCommandType = {
  INIT: "init",
  INPUT: "input",
  RESIZE: "resize",
} as const satisfies Record<string, Contract.ShellCommandType>;
export type ShellCommandType = Contract.ShellCommandType;

export const ShellEventType = {
  INIT: "init",
  OUTPUT: "output",
  EXIT: "exit",
  ERROR: "error",
} as const satisfies Record<string, Contract.ShellEventType>;
export type ShellEventType = Contract.ShellEventType;
