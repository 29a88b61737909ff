/**
 * ProjectsPage lists the projects the caller may use and creates new ones from a name and the
 * path of a directory on the server.
 */
import { type FormEvent, useCallback, useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { EmptyState, ErrorState, Loading } from "../../components/PageStates";
import { useResource } from "../../hooks/useResource";
import { api, errorMessage, type Project } from "../../lib/api";
import { formatRelative, formatTimestamp } from "../../lib/format";

export function ProjectsPage() {
  const load = useCallback(() => api.listProjects(), []);
  const { resource, reload } = useResource(load);

  return (
    <div className="page-grid">
      <section aria-labelledby="projects-heading" className="page-grid__main">
        <div className="page-header">
          <h1 id="projects-heading">Projects</h1>
          <p className="page-header__hint">
            A project is a directory on the server; its sessions and shells run there.
          </p>
        </div>
        {resource.status === "loading" && <Loading label="Loading projects…" />}
        {resource.status === "error" && (
          <ErrorState
            title="Could not load the projects"
            message={resource.error}
            onRetry={reload}
          />
        )}
        {resource.status === "ready" && <ProjectList projects={resource.data} />}
      </section>
      <aside className="page-grid__side">
        <CreateProjectForm />
      </aside>
    </div>
  );
}

function ProjectList({ projects }: { projects: Project[] }) {
  if (projects.length === 0) {
    return (
      <EmptyState title="No projects yet">
        <p>Create one with the absolute path of a directory on the server, e.g. your checkout.</p>
      </EmptyState>
    );
  }
  return (
    <ul className="card-list" aria-label="Projects" data-testid="project-list">
      {projects.map((project) => (
        <li key={project.id} className="card">
          <Link to={`/projects/${project.id}`} className="card__title">
            {project.name}
          </Link>
          <code className="card__path">{project.path}</code>
          <span className="card__meta" title={formatTimestamp(project.createdAt)}>
            created {formatRelative(project.createdAt)}
          </span>
        </li>
      ))}
    </ul>
  );
}

function CreateProjectForm() {
  const navigate = useNavigate();
  const [name, setName] = useState("");
  const [path, setPath] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    api.createProject(name.trim(), path.trim()).then(
      (project) => void navigate(`/projects/${project.id}`),
      (failure: unknown) => {
        setError(errorMessage(failure));
        setBusy(false);
      },
    );
  };

  return (
    <form className="panel form" onSubmit={submit} aria-labelledby="new-project-heading">
      <h2 id="new-project-heading">New project</h2>
      <label htmlFor="project-name">Name</label>
      <input
        id="project-name"
        name="name"
        value={name}
        onChange={(event) => setName(event.target.value)}
        maxLength={100}
        placeholder="web"
        required
      />
      <label htmlFor="project-path">Directory on the server</label>
      <input
        id="project-path"
        name="path"
        value={path}
        onChange={(event) => setPath(event.target.value)}
        placeholder="/home/me/code/web"
        spellCheck={false}
        autoCapitalize="off"
        required
        aria-describedby="project-path-hint"
      />
      <p id="project-path-hint" className="form__hint">
        An absolute path to an existing directory.
      </p>
      {error !== null && (
        <p role="alert" className="form__error">
          {error}
        </p>
      )}
      <button
        type="submit"
        className="button button--primary"
        disabled={busy || name.trim() === "" || path.trim() === ""}
      >
        {busy ? "Creating…" : "Create project"}
      </button>
    </form>
  );
}
