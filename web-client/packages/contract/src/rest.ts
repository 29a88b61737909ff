/**
 * The REST API's request and response bodies, generated from the server's records
 * (`generated/rest.ts`). Errors of every endpoint have the {@link ApiError} shape.
 */
export type {
  AgentInfo,
  ApiError,
  IssuedToken,
  Project,
  ProjectRequest,
  SandboxMode,
  SandboxStatus,
  SessionRequest,
  SessionSnapshotResponse,
  SessionTitleRequest,
  ShellInfo,
  ShellSizeRequest,
  TokenInfo,
  TokenRequest,
  UiConfigResponse,
} from "./generated/rest.js";
