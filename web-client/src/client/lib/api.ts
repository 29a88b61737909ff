/**
 * The REST API the pages use, typed with the bodies generated from the server's records.
 * Every call rides on the session cookie; a non-2xx answer becomes an {@link ApiRequestError}
 * carrying the server's stable `code` and its message, which says how to fix the request.
 */
import type {
  AgentInfo,
  Project,
  ProjectRequest,
  SessionSnapshotResponse,
  SessionSummary,
  SessionTitleRequest,
  ShellInfo,
  ShellSizeRequest,
  UiConfigResponse,
} from "@switchboard/contract";

// The bodies are generated from the server's records (`@switchboard/contract`); these are the
// names the pages use for them.
export type {
  AgentInfo,
  Project,
  SandboxStatus,
  SessionSnapshotResponse as SessionSnapshot,
  ShellInfo,
  UiConfigResponse as UiConfig,
} from "@switchboard/contract";

/**
 * Where a reply's stored output downloads as a text file (`GET
 * /api/sessions/{sessionId}/messages/{messageId}/output`, authorised like the session).
 */
export function replyOutputUrl(sessionId: string, messageId: string): string {
  return `/api/sessions/${encodeURIComponent(sessionId)}/messages/${encodeURIComponent(messageId)}/output`;
}

/** ApiRequestError is a REST call the server refused or could not answer. */
export class ApiRequestError extends Error {
  /** The HTTP status, or 0 when the server could not be reached. */
  readonly status: number;
  /** The server's stable error code (`not_found`, `bad_request`, …), or `null` without one. */
  readonly code: string | null;

  constructor(status: number, code: string | null, message: string) {
    super(message);
    this.name = "ApiRequestError";
    this.status = status;
    this.code = code;
  }
}

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** The calls of the REST API; `fetchFn` is replaced in tests. */
export function createApi(fetchFn: Fetch = (input, init) => fetch(input, init)) {
  const call = <T>(method: string, path: string, body?: unknown): Promise<T> =>
    request<T>(fetchFn, method, path, body);
  return {
    listProjects: () => call<Project[]>("GET", "/api/projects"),
    getProject: (projectId: string) => call<Project>("GET", `/api/projects/${enc(projectId)}`),
    createProject: (name: string, path: string) =>
      call<Project>("POST", "/api/projects", { name, path } satisfies ProjectRequest),
    deleteProject: (projectId: string) => call<void>("DELETE", `/api/projects/${enc(projectId)}`),
    listSessions: (projectId: string) =>
      call<SessionSummary[]>("GET", `/api/projects/${enc(projectId)}/sessions`),
    createSession: (projectId: string, title?: string) =>
      call<SessionSummary>(
        "POST",
        `/api/projects/${enc(projectId)}/sessions`,
        (title === undefined || title.trim() === ""
          ? {}
          : { title: title.trim() }) satisfies SessionTitleRequest,
      ),
    getSession: (sessionId: string) =>
      call<SessionSnapshotResponse>("GET", `/api/sessions/${enc(sessionId)}`),
    deleteSession: (sessionId: string) => call<void>("DELETE", `/api/sessions/${enc(sessionId)}`),
    createShell: (projectId: string, cols: number, rows: number) =>
      call<ShellInfo>("POST", `/api/projects/${enc(projectId)}/shells`, {
        cols,
        rows,
      } satisfies ShellSizeRequest),
    getUiConfig: () => call<UiConfigResponse>("GET", "/api/ui-config"),
    getAgent: () => call<AgentInfo>("GET", "/api/agent"),
  };
}

export type Api = ReturnType<typeof createApi>;

/** The API on this page's origin. */
export const api: Api = createApi();

async function request<T>(fetchFn: Fetch, method: string, path: string, body?: unknown) {
  let response: Response;
  try {
    response = await fetchFn(path, {
      method,
      headers:
        body === undefined
          ? { Accept: "application/json" }
          : { Accept: "application/json", "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch (error) {
    throw new ApiRequestError(
      0,
      null,
      `Could not reach the server (${String(error)}): check that it is running, then retry.`,
    );
  }
  if (!response.ok) {
    throw await toError(method, path, response);
  }
  if (response.status === 204) {
    return undefined as T;
  }
  return (await response.json()) as T;
}

async function toError(method: string, path: string, response: Response) {
  let code: string | null = null;
  let message = `${method} ${path} answered ${response.status} ${response.statusText}.`.trim();
  try {
    const body = (await response.json()) as { code?: unknown; message?: unknown };
    if (typeof body.code === "string") {
      code = body.code;
    }
    if (typeof body.message === "string" && body.message !== "") {
      message = body.message;
    }
  } catch {
    // not JSON: keep the status line
  }
  return new ApiRequestError(response.status, code, message);
}

function enc(id: string): string {
  return encodeURIComponent(id);
}

/** The message of any thrown value, for an error state or a toast. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
