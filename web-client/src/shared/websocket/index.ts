/**
 * The typed WebSocket protocol shared by every part of the client: event and command types,
 * constants, channel names and runtime guards. Import from `@/shared/websocket`.
 */
export * from "./channels";
export * from "./constants";
export * from "./contractInfo";
export * from "./guards";
export * from "./types";
