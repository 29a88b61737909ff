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
    contract: ContractInfo;
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

export interface ContractInfo {
    hash: string;
    version: string;
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
    contract: ContractInfo;
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

export type DateAsString = string;

export type GlobalCommandUnion = PingCommand | SubscribeCommand | UnsubscribeCommand;

export type GlobalEventUnion = ConnectedEvent | PongEvent | SubscriptionSuccessEvent | SubscriptionErrorEvent | UnsubscribedEvent | GlobalErrorEvent | DrainingEvent;

export type ProjectEventUnion = SessionCreatedEvent | SessionUpdatedEvent | SessionDeletedEvent;

export type SessionCommandUnion = SendMessageCommand | CancelCommand;

export type SessionEventUnion = MessageCreatedEvent | StreamOutputEvent | MessageCompleteEvent | SessionErrorEvent;

export type ShellCommandUnion = ShellInitCommand | ShellInputCommand | ShellResizeCommand;

export type ShellEventUnion = ShellInitEvent | ShellOutputEvent | ShellExitEvent | ShellErrorEvent;

export enum ChannelKind {
    GLOBAL = "global",
    PROJECT = "project",
    SESSION = "session",
    SHELL = "shell",
}

export enum CloseCode {
    NORMAL = 1000,
    GOING_AWAY = 1001,
    PROTOCOL_ERROR = 1002,
    UNSUPPORTED_DATA = 1003,
    INVALID_PAYLOAD = 1007,
    POLICY_VIOLATION = 1008,
    MESSAGE_TOO_BIG = 1009,
    INTERNAL_ERROR = 1011,
    SLOW_CONSUMER = 4000,
    SERVER_DRAINING = 4001,
    IDLE_TIMEOUT = 4002,
    UNAUTHORIZED = 4500,
    TOO_MANY_PROTOCOL_ERRORS = 4501,
    RATE_LIMIT_ABUSE = 4502,
    TOO_MANY_CONNECTIONS = 4503,
    SHELL_ENDED = 4504,
    SHELL_REPLACED = 4505,
}

export enum ErrorCode {
    BAD_REQUEST = "bad_request",
    UNKNOWN_TYPE = "unknown_type",
    INVALID_CHANNEL = "invalid_channel",
    FORBIDDEN = "forbidden",
    UNAUTHORIZED = "unauthorized",
    NOT_FOUND = "not_found",
    TOO_MANY_SUBSCRIPTIONS = "too_many_subscriptions",
    RATE_LIMITED = "rate_limited",
    PAYLOAD_TOO_LARGE = "payload_too_large",
    CONFLICT = "conflict",
    TOO_MANY_RUNS = "too_many_runs",
    NODE_BUSY = "node_busy",
    UNAVAILABLE = "unavailable",
    INTERNAL = "internal",
}

export enum GlobalCommandType {
    PING = "ping",
    SUBSCRIBE = "subscribe",
    UNSUBSCRIBE = "unsubscribe",
}

export enum GlobalEventType {
    CONNECTED = "connected",
    PONG = "pong",
    SUBSCRIPTION_SUCCESS = "subscription_success",
    SUBSCRIPTION_ERROR = "subscription_error",
    UNSUBSCRIBED = "unsubscribed",
    ERROR = "error",
    DRAINING = "draining",
}

export enum MessageRole {
    USER = "user",
    AGENT = "agent",
}

export enum MessageStatus {
    RUNNING = "running",
    COMPLETED = "completed",
    FAILED = "failed",
    CANCELLED = "cancelled",
    TIMED_OUT = "timed_out",
    INTERRUPTED = "interrupted",
}

export enum OutputStreamName {
    STDOUT = "stdout",
    STDERR = "stderr",
}

export enum ProjectEventType {
    SESSION_CREATED = "session_created",
    SESSION_UPDATED = "session_updated",
    SESSION_DELETED = "session_deleted",
}

export enum SessionCommandType {
    SEND_MESSAGE = "send_message",
    CANCEL = "cancel",
}

export enum SessionEventType {
    MESSAGE_CREATED = "message_created",
    STREAM_OUTPUT = "stream_output",
    MESSAGE_COMPLETE = "message_complete",
    ERROR = "error",
}

export enum SessionStatus {
    IDLE = "idle",
    RUNNING = "running",
}

export enum ShellCommandType {
    INIT = "init",
    INPUT = "input",
    RESIZE = "resize",
}

export enum ShellEventType {
    INIT = "init",
    OUTPUT = "output",
    EXIT = "exit",
    ERROR = "error",
}


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
