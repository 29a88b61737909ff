/**
 * ShellPage is a terminal (xterm.js) attached to one shell. The terminal fills the window; every
 * change of its size is sent to the server so the PTY wraps lines where the screen does. It is
 * loaded on demand, so xterm.js is not part of the main bundle.
 */
import "@xterm/xterm/css/xterm.css";
import { FitAddon } from "@xterm/addon-fit";
import { Terminal } from "@xterm/xterm";
import { useEffect, useMemo, useRef } from "react";
import { Link, useLocation, useParams } from "react-router-dom";
import { SHELL_MAX_COLS, SHELL_MAX_ROWS, type ShellSize } from "@switchboard/contract";
import { StatusBadge } from "../../../components/StatusBadge";
import { useProjectName } from "../../../hooks/useLabels";
import { type ShellConnection, useShellWebSocket } from "./hooks/useShellWebSocket";
import { shellStatusBadge } from "./shellStatus";

/** The size asked for before the terminal has measured its container. */
const INITIAL_SIZE: ShellSize = { cols: 80, rows: 24 };

const TERMINAL_THEME = {
  background: "#0d1117",
  foreground: "#e6edf3",
  cursor: "#e6edf3",
  selectionBackground: "#264f78",
};

export default function ShellPage() {
  const { projectId = "", shellId = "" } = useParams();
  const location = useLocation();
  const socketPath = (location.state as { socketPath?: string } | null)?.socketPath;
  const projectName = useProjectName(projectId);
  const container = useRef<HTMLDivElement>(null);
  const terminalRef = useRef<Terminal | null>(null);

  const callbacks = useMemo(
    () => ({
      onOutput: (data: string) => terminalRef.current?.write(data),
      onReset: () => terminalRef.current?.reset(),
      size: (): ShellSize => {
        const terminal = terminalRef.current;
        return terminal === null ? INITIAL_SIZE : clampSize(terminal.cols, terminal.rows);
      },
    }),
    [],
  );
  const options = useMemo(() => ({ socketPath }), [socketPath]);
  const shell = useShellWebSocket(shellId, callbacks, options);
  const { input, resize } = shell;

  useEffect(() => {
    const element = container.current;
    if (element === null) {
      return;
    }
    const terminal = new Terminal({
      cursorBlink: true,
      fontFamily: 'ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, monospace',
      fontSize: 14,
      scrollback: 5000,
      theme: TERMINAL_THEME,
    });
    const fit = new FitAddon();
    terminal.loadAddon(fit);
    terminal.open(element);
    fit.fit();
    terminal.focus();
    terminalRef.current = terminal;
    const typing = terminal.onData(input);
    const resizing = terminal.onResize(({ cols, rows }) => resize(clampSize(cols, rows)));
    const observer = new ResizeObserver(() => fit.fit());
    observer.observe(element);
    return () => {
      observer.disconnect();
      typing.dispose();
      resizing.dispose();
      terminalRef.current = null;
      terminal.dispose();
    };
  }, [input, resize]);

  return (
    <div className="shell">
      <div className="shell__bar">
        <nav aria-label="Breadcrumb" className="breadcrumbs">
          <Link to="/projects">Projects</Link>
          <span aria-hidden="true">/</span>
          <Link to={`/projects/${projectId}`}>{projectName ?? "Project"}</Link>
          <span aria-hidden="true">/</span>
          <span aria-current="page">Shell</span>
        </nav>
        <ShellStatus shell={shell} projectId={projectId} />
      </div>
      <div
        className="shell__terminal"
        ref={container}
        data-testid="terminal"
        role="region"
        aria-label="Terminal"
      />
    </div>
  );
}

function ShellStatus({ shell, projectId }: { shell: ShellConnection; projectId: string }) {
  const { status, cwd, exit, error, reconnect } = shell;
  return (
    <div className="shell__status" role="status" aria-live="polite" data-testid="shell-status">
      <StatusBadge badge={shellStatusBadge(shell)} />
      {cwd !== null && <code className="shell__cwd">{cwd}</code>}
      {error !== null && <span className="shell__error">{error}</span>}
      {status === "closed" && exit === null && (
        <button type="button" className="button button--quiet" onClick={reconnect}>
          Re-attach
        </button>
      )}
      {exit !== null && (
        <Link to={`/projects/${projectId}`} className="button button--quiet">
          Back to the project
        </Link>
      )}
    </div>
  );
}

/** The terminal's size within what the server accepts. */
function clampSize(cols: number, rows: number): ShellSize {
  return {
    cols: Math.min(Math.max(1, cols), SHELL_MAX_COLS),
    rows: Math.min(Math.max(1, rows), SHELL_MAX_ROWS),
  };
}
