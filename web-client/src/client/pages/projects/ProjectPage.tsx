/**
 * ProjectPage shows one project: its live session list (`project:<id>`), and the actions new
 * session, open shell and delete.
 */
import { type FormEvent, useCallback, useState } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { toast } from "sonner";
import type { SessionSummary } from "@switchboard/contract";
import { ConfirmButton } from "../../components/ConfirmButton";
import { SandboxNotice } from "../../components/SandboxNotice";
import { EmptyState, ErrorState, Loading } from "../../components/PageStates";
import { StatusBadge } from "../../components/StatusBadge";
import { useAgent } from "../../hooks/useLabels";
import { useResource } from "../../hooks/useResource";
import { api, errorMessage, type Project } from "../../lib/api";
import { formatRelative, formatTimestamp, sessionStatusBadge } from "../../lib/format";
import { useProjectSessions } from "./hooks/useProjectSessions";

/** The terminal size asked for before the shell page measures the real one. */
const INITIAL_SHELL_SIZE = { cols: 120, rows: 32 };

export function ProjectPage() {
  const { projectId = "" } = useParams();
  const load = useCallback(() => api.getProject(projectId), [projectId]);
  const { resource, reload } = useResource(load);

  if (resource.status === "loading") {
    return <Loading label="Loading the project…" />;
  }
  if (resource.status === "error") {
    return (
      <>
        <Breadcrumbs />
        <ErrorState title="Could not load the project" message={resource.error} onRetry={reload} />
      </>
    );
  }
  return <ProjectView project={resource.data} />;
}

function Breadcrumbs({ name }: { name?: string }) {
  return (
    <nav aria-label="Breadcrumb" className="breadcrumbs">
      <Link to="/projects">Projects</Link>
      {name !== undefined && (
        <>
          <span aria-hidden="true">/</span>
          <span aria-current="page">{name}</span>
        </>
      )}
    </nav>
  );
}

function ProjectView({ project }: { project: Project }) {
  const navigate = useNavigate();
  const { state, added, removed, retry } = useProjectSessions(project.id);
  const [openingShell, setOpeningShell] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const agent = useAgent();

  const openShell = () => {
    setOpeningShell(true);
    api.createShell(project.id, INITIAL_SHELL_SIZE.cols, INITIAL_SHELL_SIZE.rows).then(
      (shell) =>
        void navigate(`/projects/${project.id}/shells/${shell.id}`, {
          state: { socketPath: shell.socketPath },
        }),
      (error: unknown) => {
        setOpeningShell(false);
        toast.error("Could not open a shell", { description: errorMessage(error) });
      },
    );
  };

  const deleteProject = () => {
    setDeleting(true);
    api.deleteProject(project.id).then(
      () => {
        toast.success(`Deleted ${project.name}`);
        void navigate("/projects");
      },
      (error: unknown) => {
        setDeleting(false);
        toast.error("Could not delete the project", { description: errorMessage(error) });
      },
    );
  };

  return (
    <>
      <Breadcrumbs name={project.name} />
      <SandboxNotice agent={agent} />
      <div className="page-header page-header--split">
        <div>
          <h1>{project.name}</h1>
          <code className="page-header__path">{project.path}</code>
        </div>
        <div className="toolbar">
          <button
            type="button"
            className="button"
            onClick={openShell}
            disabled={openingShell}
            data-testid="open-shell"
          >
            {openingShell ? "Opening…" : "Open shell"}
          </button>
          <ConfirmButton
            label="Delete project"
            confirmLabel="Delete this project and all its sessions?"
            onConfirm={deleteProject}
            busy={deleting}
          />
        </div>
      </div>
      <div className="page-grid">
        <section aria-labelledby="sessions-heading" className="page-grid__main">
          <h2 id="sessions-heading">Sessions</h2>
          {state.status === "loading" && <Loading label="Loading sessions…" />}
          {state.status === "error" && (
            <ErrorState title="Could not load the sessions" message={state.error} onRetry={retry} />
          )}
          {state.status === "ready" && (
            <SessionList projectId={project.id} sessions={state.sessions} onDeleted={removed} />
          )}
        </section>
        <aside className="page-grid__side">
          <NewSessionForm
            projectId={project.id}
            onCreated={(session) => {
              added(session);
              void navigate(`/projects/${project.id}/sessions/${session.id}`);
            }}
          />
        </aside>
      </div>
    </>
  );
}

function SessionList({
  projectId,
  sessions,
  onDeleted,
}: {
  projectId: string;
  sessions: SessionSummary[];
  onDeleted: (sessionId: string) => void;
}) {
  if (sessions.length === 0) {
    return (
      <EmptyState title="No sessions yet">
        <p>Start one: each message you send runs in this project&apos;s directory.</p>
      </EmptyState>
    );
  }
  const deleteSession = (session: SessionSummary) =>
    api.deleteSession(session.id).then(
      () => onDeleted(session.id),
      (error: unknown) =>
        toast.error(`Could not delete “${session.title}”`, { description: errorMessage(error) }),
    );
  return (
    <ul className="card-list" aria-label="Sessions" data-testid="session-list">
      {[...sessions].reverse().map((session) => (
        <li key={session.id} className="card card--row">
          <div className="card__body">
            <Link to={`/projects/${projectId}/sessions/${session.id}`} className="card__title">
              {session.title}
            </Link>
            <span className="card__meta" title={formatTimestamp(session.updatedAt)}>
              {session.messageCount} {session.messageCount === 1 ? "message" : "messages"} · updated{" "}
              {formatRelative(session.updatedAt)}
            </span>
          </div>
          <StatusBadge badge={sessionStatusBadge(session.status)} />
          <ConfirmButton
            label="Delete"
            confirmLabel={`Delete “${session.title}”?`}
            onConfirm={() => void deleteSession(session)}
          />
        </li>
      ))}
    </ul>
  );
}

function NewSessionForm({
  projectId,
  onCreated,
}: {
  projectId: string;
  onCreated: (session: SessionSummary) => void;
}) {
  const [title, setTitle] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    api.createSession(projectId, title).then(onCreated, (failure: unknown) => {
      setError(errorMessage(failure));
      setBusy(false);
    });
  };

  return (
    <form className="panel form" onSubmit={submit} aria-labelledby="new-session-heading">
      <h2 id="new-session-heading">New session</h2>
      <label htmlFor="session-title">Title (optional)</label>
      <input
        id="session-title"
        value={title}
        onChange={(event) => setTitle(event.target.value)}
        maxLength={200}
        placeholder="Fix the build"
      />
      {error !== null && (
        <p role="alert" className="form__error">
          {error}
        </p>
      )}
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? "Starting…" : "Start session"}
      </button>
    </form>
  );
}
