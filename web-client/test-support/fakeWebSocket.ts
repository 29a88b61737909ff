/**
 * A fake browser WebSocket for client tests: records what the client sends and lets a test play
 * the server (open, deliver frames, close with a code). Only the members `SocketLike` uses exist.
 */
import type { SocketLike } from "@switchboard/client";
import { CONTRACT } from "@switchboard/contract";

export class FakeWebSocket implements SocketLike {
  readonly url: string;
  readonly sent: string[] = [];
  /** The code the client closed this socket with, if it did. */
  closedByClient: number | null = null;
  onopen: SocketLike["onopen"] = null;
  onmessage: SocketLike["onmessage"] = null;
  onclose: SocketLike["onclose"] = null;

  constructor(url: string) {
    this.url = url;
  }

  send(data: string): void {
    this.sent.push(data);
  }

  close(code?: number): void {
    this.closedByClient = code ?? 1005;
  }

  /** The frames the client sent, parsed. */
  sentFrames(): Record<string, unknown>[] {
    return this.sent.map((text) => JSON.parse(text) as Record<string, unknown>);
  }

  /**
   * The server accepted the connection and, as a server does, sent `connected` with this client's
   * own contract (`{ connected: false }` stops before it, to test what happens in between).
   */
  open(options: { connected?: boolean } = {}): void {
    this.onopen?.call(this as unknown as WebSocket, new Event("open"));
    if (options.connected !== false) {
      this.receive(serverFrames.connected());
    }
  }

  /** The server sent a frame: an object is sent as JSON, a string as is. */
  receive(frame: object | string): void {
    const data = typeof frame === "string" ? frame : JSON.stringify(frame);
    this.onmessage?.call(this as unknown as WebSocket, { data } as MessageEvent);
  }

  /**
   * The `ref` of the last `type` command for `channel` the client sent on this socket: what the
   * server echoes on its answer. Throws when there is none, as a server would have nothing to answer.
   */
  lastRef(type: "subscribe" | "unsubscribe", channel: string): string {
    const command = this.sentFrames()
      .filter((frame) => frame.type === type)
      .findLast((frame) => (frame.data as { channel?: unknown }).channel === channel);
    if (typeof command?.ref !== "string") {
      throw new Error(`The client sent no ${type} of "${channel}" with a ref on this socket.`);
    }
    return command.ref;
  }

  /** The server accepts the last `subscribe` of `channel` sent on this socket, echoing its ref. */
  confirmSubscribe(channel: string, epoch: string, offset: number, recovered: boolean): void {
    const ref = this.lastRef("subscribe", channel);
    this.receive(serverFrames.subscriptionSuccess(channel, epoch, offset, recovered, ref));
  }

  /** The connection ended with `code` (1006 when the network dropped). */
  serverClose(code: number, reason = ""): void {
    this.onclose?.call(this as unknown as WebSocket, { code, reason } as CloseEvent);
  }
}

/** Creates fake sockets for a client and remembers each, newest last. */
export class FakeSocketFactory {
  readonly sockets: FakeWebSocket[] = [];

  create = (url: string): FakeWebSocket => {
    const socket = new FakeWebSocket(url);
    this.sockets.push(socket);
    return socket;
  };

  get last(): FakeWebSocket {
    const socket = this.sockets.at(-1);
    if (socket === undefined) {
      throw new Error("The client has not opened a socket yet.");
    }
    return socket;
  }
}

/** Server frames the tests send. */
export const serverFrames = {
  connected: (heartbeatIntervalMs = 30000, pongTimeoutMs = 5000) => ({
    channel: "global",
    type: "connected",
    data: {
      connectionId: "c-1",
      serverVersion: "test",
      contract: { version: CONTRACT.version, hash: CONTRACT.hash },
      heartbeatIntervalMs,
      limits: {
        maxMessageBytes: 65536,
        maxSubscriptions: 100,
        maxCommandsPerSecond: 100,
        idleTimeoutMs: 75000,
        pongTimeoutMs,
        maxRunsPerToken: 4,
        maxRunsPerNode: 32,
        maxShellsPerToken: 8,
      },
    },
  }),
  pong: (ref: unknown, timestamp: unknown) => ({
    channel: "global",
    type: "pong",
    data: { timestamp, serverTime: 0 },
    ref,
  }),
  /** The answer to the `subscribe` sent with `ref`. */
  subscriptionSuccess: (
    channel: string,
    epoch: string,
    offset: number,
    recovered: boolean,
    ref: string,
  ) => ({
    channel: "global",
    type: "subscription_success",
    data: { channel, epoch, offset, recovered },
    ref,
  }),
  /** The refusal of the `subscribe` sent with `ref`. */
  subscriptionError: (channel: string, code: string, reason: string, ref: string) => ({
    channel: "global",
    type: "subscription_error",
    data: { channel, code, reason },
    ref,
  }),
  /**
   * The end of a subscription: reason `client` answers the `unsubscribe` sent with `ref`; reason
   * `reset` is the server's own (no ref).
   */
  unsubscribed: (channel: string, reason: "client" | "reset", ref?: string) => ({
    channel: "global",
    type: "unsubscribed",
    data: { channel, reason },
    ...(ref === undefined ? {} : { ref }),
  }),
  streamOutput: (channel: string, offset: number) => ({
    channel,
    type: "stream_output",
    data: { messageId: "m-1", seq: offset, chunk: `chunk ${offset}`, stream: "stdout" },
    offset,
  }),
};
