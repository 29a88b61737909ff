/**
 * `@switchboard/contract`: Switchboard's typed WebSocket protocol, generated from the Java
 * contract. Event and command types per channel family, constants (`as const` objects, no
 * TypeScript `enum`), channel names, runtime guards, and the REST API's request and response
 * types. The golden vectors are the subpath `@switchboard/contract/golden-vectors`.
 */
export * from "./channels.js";
export * from "./constants.js";
export * from "./guards.js";
export * from "./rest.js";
export * from "./types.js";
