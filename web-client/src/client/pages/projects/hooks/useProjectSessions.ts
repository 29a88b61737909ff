/**
 * useProjectSessions keeps a project's session list live: it subscribes to `project:<id>` first,
 * then loads the list over REST, and applies every `session_created` / `session_updated` /
 * `session_deleted` (including those that arrived while the list was loading) on top. Applying
 * an event is idempotent and never replaces a session with an older version of itself, so the
 * order of the REST answer and the events does not matter.
 */
import { useCallback, useEffect, useState } from "react";
import {
  Channels,
  type Frame,
  type ProjectEvent,
  type SessionSummary,
} from "@switchboard/contract";
import { type Api, api as defaultApi, errorMessage } from "@/client/lib/api";
import { useWebSocketActions } from "@/client/providers/webSocketContext";

/**
 * Applies one event of `project:<id>` to a session list (oldest first). The `switch` is
 * exhaustive: a new project event in the contract fails `tsc` here until it is handled.
 */
export function applyProjectEvent(
  sessions: readonly SessionSummary[],
  event: Frame<ProjectEvent>,
): SessionSummary[] {
  switch (event.type) {
    case "session_created":
    case "session_updated":
      return upsert(sessions, event.data);
    case "session_deleted":
      return sessions.filter((session) => session.id !== event.data.sessionId);
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

function upsert(sessions: readonly SessionSummary[], next: SessionSummary): SessionSummary[] {
  const index = sessions.findIndex((session) => session.id === next.id);
  if (index < 0) {
    return [...sessions, next].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }
  const current = sessions[index]!;
  if (current.updatedAt > next.updatedAt) {
    return [...sessions]; // an older version of what the list already has
  }
  const copy = [...sessions];
  copy[index] = next;
  return copy;
}

export type ProjectSessions =
  | { status: "loading"; sessions: null; error: null }
  | { status: "error"; sessions: null; error: string }
  | { status: "ready"; sessions: SessionSummary[]; error: null };

export interface ProjectSessionsResult {
  state: ProjectSessions;
  /** Adds a session the page just created (its `session_created` may come later). */
  added: (session: SessionSummary) => void;
  /** Removes a session the page just deleted. */
  removed: (sessionId: string) => void;
  retry: () => void;
}

export function useProjectSessions(
  projectId: string,
  api: Pick<Api, "listSessions"> = defaultApi,
): ProjectSessionsResult {
  const { subscribe } = useWebSocketActions();
  const [state, setState] = useState<ProjectSessions>({
    status: "loading",
    sessions: null,
    error: null,
  });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let active = true;
    let pending: Frame<ProjectEvent>[] | null = [];
    const load = () =>
      api.listSessions(projectId).then(
        (loaded) => {
          if (!active) {
            return;
          }
          const applied = (pending ?? []).reduce(applyProjectEvent, loaded);
          pending = null;
          setState({ status: "ready", sessions: applied, error: null });
        },
        (error: unknown) =>
          active && setState({ status: "error", sessions: null, error: errorMessage(error) }),
      );
    const unsubscribe = subscribe(
      Channels.project(projectId),
      (event) => {
        if (pending !== null) {
          pending.push(event);
        } else {
          setState((current) =>
            current.status === "ready"
              ? { ...current, sessions: applyProjectEvent(current.sessions, event) }
              : current,
          );
        }
      },
      {
        onResync: () => {
          pending = [];
          void load();
        },
      },
    );
    void load();
    return () => {
      active = false;
      unsubscribe();
    };
  }, [api, projectId, subscribe, attempt]);

  const added = useCallback(
    (session: SessionSummary) =>
      setState((current) =>
        current.status === "ready"
          ? { ...current, sessions: upsert(current.sessions, session) }
          : current,
      ),
    [],
  );
  const removed = useCallback(
    (sessionId: string) =>
      setState((current) =>
        current.status === "ready"
          ? { ...current, sessions: current.sessions.filter((s) => s.id !== sessionId) }
          : current,
      ),
    [],
  );
  const retry = useCallback(() => {
    setState({ status: "loading", sessions: null, error: null });
    setAttempt((value) => value + 1);
  }, []);

  return { state, added, removed, retry };
}
