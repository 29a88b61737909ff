/**
 * useShellWebSocket attaches a terminal to one shell over the shell's own WebSocket,
 * `/ws/shell/<id>`, not over the channel socket `/ws`.
 *
 * Why the shell socket is separate:
 * - **Protocol.** A shell carries a raw PTY byte stream (keystrokes in, escape sequences out),
 *   not structured domain events: no subscriptions, offsets or recovery apply to it.
 * - **Frequency and latency.** A busy terminal sends thousands of small frames a second and every
 *   keystroke waits for its echo; on its own socket that traffic never queues behind session
 *   events, and session events never queue behind it (no head-of-line blocking either way).
 * - **Lifecycle.** A shell lives as long as its process: when the socket drops the server keeps
 *   it for a grace period, and re-attaching replays recent scrollback. The channel socket's
 *   lifecycle (heartbeat, resubscribe since offsets) is a different one.
 * - **Isolation.** Flow control, a flood (`yes`) or a crash on a shell socket closes that socket
 *   only; sessions and the connection banner are untouched.
 *
 * What it shares with `/ws`: authentication (the session cookie) and the Origin check, the
 * envelope `{channel: "shell:<id>", type, data}` with the contract's `ShellEvent` /
 * `ShellCommand`, the guards, the close codes, and the reconnection strategy
 * (`calculateReconnectDelay`, 5 automatic attempts). See docs/websockets.md.
 *
 * Terminal output is imperative (it is written into xterm.js, not rendered by React), so the
 * hook takes `onOutput` and `onReset` callbacks and returns only the socket's state and commands.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import {
  type Frame,
  RECONNECT_MAX_ATTEMPTS,
  type ShellEvent,
  type ShellExitData,
  type ShellSize,
} from "@switchboard/contract";
import type { SocketLike } from "@switchboard/client";
import { ShellSocket, type ShellSocketStatus } from "./ShellSocket";

export interface ShellTerminal {
  /** Writes shell output into the terminal. */
  onOutput: (data: string) => void;
  /** Clears the terminal: the server is about to replay its scrollback after an (re-)attach. */
  onReset: () => void;
  /** The terminal's current size. */
  size: () => ShellSize;
}

export interface ShellState {
  status: ShellSocketStatus;
  /** The automatic re-attach attempt under way (1-based), 0 otherwise. */
  attempt: number;
  maxAttempts: number;
  /** The shell's working directory, from `init`. */
  cwd: string | null;
  exit: ShellExitData | null;
  /** The last `error` event or why the socket closed for good. */
  error: string | null;
}

/**
 * Handles one event of the shell: output goes straight into the terminal; the returned patch is
 * what changes in the page's state (`null` for nothing). The `switch` is exhaustive: a new shell
 * event in the Java contract fails `tsc` here until it is handled.
 */
export function applyShellEvent(
  event: Frame<ShellEvent>,
  terminal: Pick<ShellTerminal, "onOutput" | "onReset">,
): Partial<ShellState> | null {
  switch (event.type) {
    case "init":
      // (Re-)attached: the server replays its scrollback next, so start from a clean screen.
      terminal.onReset();
      return { cwd: event.data.cwd, exit: null, error: null };
    case "output":
      terminal.onOutput(event.data.data);
      return null;
    case "exit":
      return { exit: event.data };
    case "error":
      return { error: `${event.data.message} (${event.data.code})` };
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

export interface ShellSocketOptionsForHook {
  /** The socket path the create call returned; defaults to `/ws/shell/<id>`. */
  socketPath?: string;
  createSocket?: (url: string) => SocketLike;
  location?: Pick<Location, "protocol" | "host">;
}

export interface ShellConnection extends ShellState {
  input: (data: string) => void;
  resize: (size: ShellSize) => void;
  /** Attaches again now, with a fresh attempt budget. */
  reconnect: () => void;
}

export function useShellWebSocket(
  shellId: string,
  terminal: ShellTerminal,
  { socketPath, createSocket, location = window.location }: ShellSocketOptionsForHook = {},
): ShellConnection {
  const [state, setState] = useState<ShellState>({
    status: "connecting",
    attempt: 0,
    maxAttempts: RECONNECT_MAX_ATTEMPTS,
    cwd: null,
    exit: null,
    error: null,
  });
  // The terminal's callbacks change with every render of the page; the socket reads the latest.
  const terminalRef = useRef(terminal);
  useEffect(() => {
    terminalRef.current = terminal;
  });
  const socketRef = useRef<ShellSocket | null>(null);
  const url = shellSocketUrl(location, socketPath ?? `/ws/shell/${encodeURIComponent(shellId)}`);

  useEffect(() => {
    const socket = new ShellSocket({
      shellId,
      url,
      createSocket,
      size: () => terminalRef.current.size(),
      onEvent: (event) => {
        const patch = applyShellEvent(event, terminalRef.current);
        if (patch !== null) {
          setState((current) => ({ ...current, ...patch }));
        }
      },
      onStatus: (status, attempt, reason) =>
        setState((current) => ({
          ...current,
          status,
          attempt,
          error: reason ?? (status === "open" ? null : current.error),
        })),
    });
    socketRef.current = socket;
    socket.connect();
    return () => {
      socket.close();
      socketRef.current = null;
    };
  }, [shellId, url, createSocket]);

  const input = useCallback((data: string) => socketRef.current?.input(data), []);
  const resize = useCallback((size: ShellSize) => socketRef.current?.resize(size), []);
  const reconnect = useCallback(() => socketRef.current?.connect(), []);
  return { ...state, input, resize, reconnect };
}

/** The shell socket's URL on the page's origin: `wss:` under https, `ws:` otherwise. */
export function shellSocketUrl(
  location: Pick<Location, "protocol" | "host">,
  socketPath: string,
): string {
  return `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}${socketPath}`;
}
