/**
 * A fake browser WebSocket for client tests: records what the client sends and lets a test play
 * the server (open, deliver frames, close with a code). Only the members `SocketLike` uses exist.
 */
import type { SocketLike } from "@switchboard/client";

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

  /** The server accepted the connection. */
  open(): void {
    this.onopen?.call(this as unknown as WebSocket, new Event("open"));
  }

  /** The server sent a frame: an object is sent as JSON, a string as is. */
  receive(frame: object | string): void {
    const data = typeof frame === "string" ? frame : JSON.stringify(frame);
    this.onmessage?.call(this as unknown as WebSocket, { data } as MessageEvent);
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
      contractVersion: 1,
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
  subscriptionSuccess: (channel: string, epoch: string, offset: number, recovered: boolean) => ({
    channel: "global",
    type: "subscription_success",
    data: { channel, epoch, offset, recovered },
  }),
  streamOutput: (channel: string, offset: number) => ({
    channel,
    type: "stream_output",
    data: { messageId: "m-1", seq: offset, chunk: `chunk ${offset}`, stream: "stdout" },
    offset,
  }),
};
