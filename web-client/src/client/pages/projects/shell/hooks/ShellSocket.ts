/**
 * ShellSocket owns the WebSocket of one shell (`/ws/shell/<id>`): it attaches with `init` and the
 * terminal's size, validates every frame with the contract's guard, and re-attaches after a drop
 * with the same backoff as the channel socket (`calculateReconnectDelay`, 5 attempts, then
 * manual). A shell that exited, or a close code that forbids it, ends the retries.
 */
import {
  Channels,
  type Frame,
  type ShellCommand,
  ShellCommandTypes,
  type ShellEvent,
  type ShellSize,
  isShellEvent,
  isShellExitEvent,
  isShellInitEvent,
} from "@switchboard/contract";
import { Backoff, type BackoffOptions, shouldReconnect } from "@switchboard/client";
import type { SocketLike } from "@switchboard/client";

/** Where a shell socket stands. */
export type ShellSocketStatus = "connecting" | "open" | "reconnecting" | "closed";

export interface ShellSocketOptions {
  shellId: string;
  url: string;
  /** The terminal's size now, sent with every `init` (first attach and re-attach). */
  size: () => ShellSize;
  onEvent: (event: Frame<ShellEvent>) => void;
  onStatus: (status: ShellSocketStatus, attempt: number, reason: string | null) => void;
  createSocket?: (url: string) => SocketLike;
  backoff?: BackoffOptions;
  logger?: Pick<Console, "warn">;
}

export class ShellSocket {
  readonly maxAttempts: number;
  private readonly options: ShellSocketOptions;
  private readonly channel: string;
  private readonly backoff: Backoff;
  private socket: SocketLike | null = null;
  private open = false;
  private exited = false;
  private stopped = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(options: ShellSocketOptions) {
    this.options = options;
    this.channel = Channels.shell(options.shellId);
    this.backoff = new Backoff(options.backoff);
    this.maxAttempts = this.backoff.maxAttempts;
  }

  /** Attaches (again), with a fresh budget of automatic attempts. */
  connect(): void {
    this.stopped = false;
    this.exited = false;
    this.detach();
    this.backoff.reset();
    this.options.onStatus("connecting", 0, null);
    this.openSocket();
  }

  /** Detaches for good; the shell itself lives on on the server for its grace period. */
  close(): void {
    this.stopped = true;
    this.detach();
  }

  /** Keystrokes; dropped while detached (typing into a terminal that is not there). */
  input(data: string): void {
    this.write({ channel: this.channel, type: ShellCommandTypes.INPUT, data: { data } });
  }

  /** The terminal's new size; a detached socket sends it with the next `init`. */
  resize(size: ShellSize): void {
    this.write({ channel: this.channel, type: ShellCommandTypes.RESIZE, data: size });
  }

  private openSocket(): void {
    const create = this.options.createSocket ?? ((url: string) => new WebSocket(url));
    const socket = create(this.options.url);
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket === socket) {
        this.open = true;
        this.write({
          channel: this.channel,
          type: ShellCommandTypes.INIT,
          data: this.options.size(),
        });
      }
    };
    socket.onmessage = (event: MessageEvent) => this.socket === socket && this.onFrame(event.data);
    socket.onclose = (event: CloseEvent) => {
      if (this.socket === socket) {
        this.socket = null;
        this.open = false;
        this.lost(event.code, event.reason);
      }
    };
  }

  private onFrame(raw: unknown): void {
    let frame: unknown;
    try {
      frame = typeof raw === "string" ? JSON.parse(raw) : null;
    } catch {
      frame = null;
    }
    if (!isShellEvent(frame) || frame.channel !== this.channel) {
      (this.options.logger ?? console).warn(
        `Shell ${this.options.shellId}: ignored a frame that is not a shell event of ${this.channel}.`,
      );
      return;
    }
    if (isShellInitEvent(frame)) {
      this.backoff.reset();
      this.options.onStatus("open", 0, null);
    } else if (isShellExitEvent(frame)) {
      this.exited = true;
    }
    this.options.onEvent(frame);
  }

  private lost(code: number, reason: string): void {
    if (this.stopped) {
      return;
    }
    if (this.exited) {
      return this.options.onStatus("closed", 0, null);
    }
    if (!shouldReconnect(code)) {
      return this.options.onStatus(
        "closed",
        0,
        `closed with ${code}${reason ? `: ${reason}` : ""}`,
      );
    }
    const delayMs = this.backoff.next();
    if (delayMs === null) {
      return this.options.onStatus(
        "closed",
        this.backoff.attempt,
        `gave up after ${this.backoff.attempt} attempts (last close ${code})`,
      );
    }
    this.options.onStatus("reconnecting", this.backoff.attempt, null);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.openSocket();
    }, delayMs);
  }

  private write(command: ShellCommand): void {
    if (this.open) {
      this.socket?.send(JSON.stringify(command));
    }
  }

  private detach(): void {
    if (this.retryTimer !== null) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    const socket = this.socket;
    this.socket = null;
    this.open = false;
    socket?.close(1000);
  }
}
