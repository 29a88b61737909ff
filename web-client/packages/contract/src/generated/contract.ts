/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

export interface CancelCommand extends SessionCommand {
    channel: string;
    data: CancelData;
    type: "cancel";
}

export interface CancelData {
    messageId: string;
}

export interface ConnectedData {
    connectionId: string;
    contractVersion: number;
    heartbeatIntervalMs: number;
    limits: ConnectionLimits;
    serverVersion: string;
}

export interface ConnectedEvent extends GlobalEvent {
    channel: string;
    data: ConnectedData;
    type: "connected";
}

export interface ConnectionLimits {
    idleTimeoutMs: number;
    maxCommandsPerSecond: number;
    maxMessageBytes: number;
    maxRunsPerNode: number;
    maxRunsPerToken: number;
    maxShellsPerToken: number;
    maxSubscriptions: number;
    pongTimeoutMs: number;
}

export interface DrainingData {
    retryAfterMs: number;
}

export interface DrainingEvent extends GlobalEvent {
    channel: string;
    data: DrainingData;
    type: "draining";
}

export interface FrameMeta {
    offset?: number | null;
    ref?: string | null;
}

export interface GlobalCommand {
    type: "ping" | "subscribe" | "unsubscribe";
}

export interface GlobalErrorData {
    code: ErrorCode;
    message: string;
    retryable: boolean;
}

export interface GlobalErrorEvent extends GlobalEvent {
    channel: string;
    data: GlobalErrorData;
    type: "error";
}

export interface GlobalEvent {
    type: "connected" | "pong" | "subscription_success" | "subscription_error" | "unsubscribed" | "error" | "draining";
}

export interface MessageCompleteData {
    chunkCount: number;
    durationMs: number;
    exitCode?: number | null;
    messageId: string;
    outputComplete: boolean;
    status: MessageStatus;
}

export interface MessageCompleteEvent extends SessionEvent {
    channel: string;
    data: MessageCompleteData;
    type: "message_complete";
}

export interface MessageCreatedData {
    message: SessionMessage;
}

export interface MessageCreatedEvent extends SessionEvent {
    channel: string;
    data: MessageCreatedData;
    type: "message_created";
}

export interface PingCommand extends GlobalCommand {
    channel: string;
    data: PingData;
    type: "ping";
}

export interface PingData {
    timestamp: number;
}

export interface PongData {
    serverTime: number;
    timestamp: number;
}

export interface PongEvent extends GlobalEvent {
    channel: string;
    data: PongData;
    type: "pong";
}

export interface ProjectEvent {
    type: "session_created" | "session_updated" | "session_deleted";
}

export interface SendMessageCommand extends SessionCommand {
    channel: string;
    data: SendMessageData;
    type: "send_message";
}

export interface SendMessageData {
    clientMessageId: string;
    text: string;
}

export interface SessionCommand {
    type: "send_message" | "cancel";
}

export interface SessionCreatedEvent extends ProjectEvent {
    channel: string;
    data: SessionSummary;
    type: "session_created";
}

export interface SessionDeletedData {
    projectId: string;
    sessionId: string;
}

export interface SessionDeletedEvent extends ProjectEvent {
    channel: string;
    data: SessionDeletedData;
    type: "session_deleted";
}

export interface SessionErrorData {
    code: ErrorCode;
    message: string;
    messageId?: string | null;
}

export interface SessionErrorEvent extends SessionEvent {
    channel: string;
    data: SessionErrorData;
    type: "error";
}

export interface SessionEvent {
    type: "message_created" | "stream_output" | "message_complete" | "error";
}

export interface SessionMessage {
    clientMessageId?: string | null;
    completedAt?: DateAsString | null;
    content: string;
    createdAt: DateAsString;
    exitCode?: number | null;
    id: string;
    outputComplete: boolean;
    replyTo?: string | null;
    role: MessageRole;
    sessionId: string;
    status: MessageStatus;
}

export interface SessionSummary {
    createdAt: DateAsString;
    id: string;
    messageCount: number;
    projectId: string;
    status: SessionStatus;
    title: string;
    updatedAt: DateAsString;
}

export interface SessionUpdatedEvent extends ProjectEvent {
    channel: string;
    data: SessionSummary;
    type: "session_updated";
}

export interface ShellCommand {
    type: "init" | "input" | "resize";
}

export interface ShellErrorData {
    code: ErrorCode;
    message: string;
}

export interface ShellErrorEvent extends ShellEvent {
    channel: string;
    data: ShellErrorData;
    type: "error";
}

export interface ShellEvent {
    type: "init" | "output" | "exit" | "error";
}

export interface ShellExitData {
    exitCode: number;
    signal?: string | null;
}

export interface ShellExitEvent extends ShellEvent {
    channel: string;
    data: ShellExitData;
    type: "exit";
}

export interface ShellInitCommand extends ShellCommand {
    channel: string;
    data: ShellSize;
    type: "init";
}

export interface ShellInitData {
    cols: number;
    cwd: string;
    rows: number;
    shellId: string;
}

export interface ShellInitEvent extends ShellEvent {
    channel: string;
    data: ShellInitData;
    type: "init";
}

export interface ShellInputCommand extends ShellCommand {
    channel: string;
    data: ShellInputData;
    type: "input";
}

export interface ShellInputData {
    data: string;
}

export interface ShellOutputData {
    data: string;
}

export interface ShellOutputEvent extends ShellEvent {
    channel: string;
    data: ShellOutputData;
    type: "output";
}

export interface ShellResizeCommand extends ShellCommand {
    channel: string;
    data: ShellSize;
    type: "resize";
}

export interface ShellSize {
    cols: number;
    rows: number;
}

export interface StreamOutputData {
    chunk: string;
    messageId: string;
    seq: number;
    stream: OutputStreamName;
}

export interface StreamOutputEvent extends SessionEvent {
    channel: string;
    data: StreamOutputData;
    type: "stream_output";
}

export interface StreamPosition {
    epoch: string;
    offset: number;
}

export interface SubscribeCommand extends GlobalCommand {
    channel: string;
    data: SubscribeData;
    type: "subscribe";
}

export interface SubscribeData {
    channel: string;
    since?: StreamPosition | null;
}

export interface SubscriptionErrorData {
    channel: string;
    code: ErrorCode;
    reason: string;
}

export interface SubscriptionErrorEvent extends GlobalEvent {
    channel: string;
    data: SubscriptionErrorData;
    type: "subscription_error";
}

export interface SubscriptionSuccessData {
    channel: string;
    epoch: string;
    offset: number;
    recovered: boolean;
}

export interface SubscriptionSuccessEvent extends GlobalEvent {
    channel: string;
    data: SubscriptionSuccessData;
    type: "subscription_success";
}

export interface UnsubscribeCommand extends GlobalCommand {
    channel: string;
    data: UnsubscribeData;
    type: "unsubscribe";
}

export interface UnsubscribeData {
    channel: string;
}

export interface UnsubscribedData {
    channel: string;
    reason: string;
}

export interface UnsubscribedEvent extends GlobalEvent {
    channel: string;
    data: UnsubscribedData;
    type: "unsubscribed";
}

export type ChannelKind = "global" | "project" | "session" | "shell";

export type CloseCode = 1000 | 1001 | 1002 | 1003 | 1007 | 1008 | 1009 | 1011 | 4000 | 4001 | 4002 | 4500 | 4501 | 4502 | 4503 | 4504 | 4505;

export type DateAsString = string;

export type ErrorCode = "bad_request" | "unknown_type" | "invalid_channel" | "forbidden" | "unauthorized" | "not_found" | "too_many_subscriptions" | "rate_limited" | "payload_too_large" | "conflict" | "too_many_runs" | "node_busy" | "unavailable" | "internal";

export type GlobalCommandType = "ping" | "subscribe" | "unsubscribe";

export type GlobalCommandUnion = PingCommand | SubscribeCommand | UnsubscribeCommand;

export type GlobalEventType = "connected" | "pong" | "subscription_success" | "subscription_error" | "unsubscribed" | "error" | "draining";

export type GlobalEventUnion = ConnectedEvent | PongEvent | SubscriptionSuccessEvent | SubscriptionErrorEvent | UnsubscribedEvent | GlobalErrorEvent | DrainingEvent;

export type MessageRole = "user" | "agent";

export type MessageStatus = "running" | "completed" | "failed" | "cancelled" | "timed_out" | "interrupted";

export type OutputStreamName = "stdout" | "stderr";

export type ProjectEventType = "session_created" | "session_updated" | "session_deleted";

export type ProjectEventUnion = SessionCreatedEvent | SessionUpdatedEvent | SessionDeletedEvent;

export type SessionCommandType = "send_message" | "cancel";

export type SessionCommandUnion = SendMessageCommand | CancelCommand;

export type SessionEventType = "message_created" | "stream_output" | "message_complete" | "error";

export type SessionEventUnion = MessageCreatedEvent | StreamOutputEvent | MessageCompleteEvent | SessionErrorEvent;

export type SessionStatus = "idle" | "running";

export type ShellCommandType = "init" | "input" | "resize";

export type ShellCommandUnion = ShellInitCommand | ShellInputCommand | ShellResizeCommand;

export type ShellEventType = "init" | "output" | "exit" | "error";

export type ShellEventUnion = ShellInitEvent | ShellOutputEvent | ShellExitEvent | ShellErrorEvent;


// Added by 'TypeGuardsForJackson2PolymorphismExtension' extension

export function isPingCommand(globalCommand: GlobalCommand): globalCommand is PingCommand {
    return globalCommand.type === "ping";
}

export function isSubscribeCommand(globalCommand: GlobalCommand): globalCommand is SubscribeCommand {
    return globalCommand.type === "subscribe";
}

export function isUnsubscribeCommand(globalCommand: GlobalCommand): globalCommand is UnsubscribeCommand {
    return globalCommand.type === "unsubscribe";
}

export function isConnectedEvent(globalEvent: GlobalEvent): globalEvent is ConnectedEvent {
    return globalEvent.type === "connected";
}

export function isPongEvent(globalEvent: GlobalEvent): globalEvent is PongEvent {
    return globalEvent.type === "pong";
}

export function isSubscriptionSuccessEvent(globalEvent: GlobalEvent): globalEvent is SubscriptionSuccessEvent {
    return globalEvent.type === "subscription_success";
}

export function isSubscriptionErrorEvent(globalEvent: GlobalEvent): globalEvent is SubscriptionErrorEvent {
    return globalEvent.type === "subscription_error";
}

export function isUnsubscribedEvent(globalEvent: GlobalEvent): globalEvent is UnsubscribedEvent {
    return globalEvent.type === "unsubscribed";
}

export function isGlobalErrorEvent(globalEvent: GlobalEvent): globalEvent is GlobalErrorEvent {
    return globalEvent.type === "error";
}

export function isDrainingEvent(globalEvent: GlobalEvent): globalEvent is DrainingEvent {
    return globalEvent.type === "draining";
}

export function isSessionCreatedEvent(projectEvent: ProjectEvent): projectEvent is SessionCreatedEvent {
    return projectEvent.type === "session_created";
}

export function isSessionUpdatedEvent(projectEvent: ProjectEvent): projectEvent is SessionUpdatedEvent {
    return projectEvent.type === "session_updated";
}

export function isSessionDeletedEvent(projectEvent: ProjectEvent): projectEvent is SessionDeletedEvent {
    return projectEvent.type === "session_deleted";
}

export function isSendMessageCommand(sessionCommand: SessionCommand): sessionCommand is SendMessageCommand {
    return sessionCommand.type === "send_message";
}

export function isCancelCommand(sessionCommand: SessionCommand): sessionCommand is CancelCommand {
    return sessionCommand.type === "cancel";
}

export function isMessageCreatedEvent(sessionEvent: SessionEvent): sessionEvent is MessageCreatedEvent {
    return sessionEvent.type === "message_created";
}

export function isStreamOutputEvent(sessionEvent: SessionEvent): sessionEvent is StreamOutputEvent {
    return sessionEvent.type === "stream_output";
}

export function isMessageCompleteEvent(sessionEvent: SessionEvent): sessionEvent is MessageCompleteEvent {
    return sessionEvent.type === "message_complete";
}

export function isSessionErrorEvent(sessionEvent: SessionEvent): sessionEvent is SessionErrorEvent {
    return sessionEvent.type === "error";
}

export function isShellInitCommand(shellCommand: ShellCommand): shellCommand is ShellInitCommand {
    return shellCommand.type === "init";
}

export function isShellInputCommand(shellCommand: ShellCommand): shellCommand is ShellInputCommand {
    return shellCommand.type === "input";
}

export function isShellResizeCommand(shellCommand: ShellCommand): shellCommand is ShellResizeCommand {
    return shellCommand.type === "resize";
}

export function isShellInitEvent(shellEvent: ShellEvent): shellEvent is ShellInitEvent {
    return shellEvent.type === "init";
}

export function isShellOutputEvent(shellEvent: ShellEvent): shellEvent is ShellOutputEvent {
    return shellEvent.type === "output";
}

export function isShellExitEvent(shellEvent: ShellEvent): shellEvent is ShellExitEvent {
    return shellEvent.type === "exit";
}

export function isShellErrorEvent(shellEvent: ShellEvent): shellEvent is ShellErrorEvent {
    return shellEvent.type === "error";
}
