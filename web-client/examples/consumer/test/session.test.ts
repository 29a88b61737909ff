/**
 * @switchboard/client from its tarball against the real server jar, in Node with the `ws`
 * package's socket and a Bearer token: connect, subscribe to a session, send a message and
 * receive its typed events, down to a `message_complete` that proves the reply is whole, with the
 * channel's Subscription at the last offset received.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { WebSocket } from "ws";
import { type CommandError, WebSocketClient } from "@switchboard/client";
import {
  Channels,
  ErrorCode,
  type Frame,
  type Project,
  type ProjectRequest,
  type SessionEvent,
  type SessionSummary,
  type SessionTitleRequest,
  SessionCommandType,
} from "@switchboard/contract";
import { describeSessionEvent } from "../src/describe.js";
import { type RunningServer, startServer } from "../src/server.js";

const jar = process.env.SWITCHBOARD_JAR;
const serverLog: string[] = [];
let server: RunningServer;

before(async () => {
  assert.ok(jar, "SWITCHBOARD_JAR names the server jar to test against");
  server = await startServer(jar, (line) => serverLog.push(line));
});

after(async () => {
  await server?.stop();
});

/** Resolves with the first value `check` returns that is not undefined, or rejects after `ms`. */
function waitFor<T>(what: string, ms: number, check: () => T | undefined): Promise<T> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + ms;
    const poll = () => {
      const value = check();
      if (value !== undefined) {
        resolve(value);
      } else if (Date.now() > deadline) {
        reject(new Error(`Timed out after ${ms} ms waiting for ${what}`));
      } else {
        setTimeout(poll, 20);
      }
    };
    poll();
  });
}

test(
  "a Node client follows a session and receives its typed events",
  { timeout: 120_000 },
  async () => {
    const projectRequest: ProjectRequest = { name: "consumer", path: server.projectDir };
    const project = await server.api<Project>("POST", "/api/projects", projectRequest);
    const titleRequest: SessionTitleRequest = { title: "From another repository" };
    const session = await server.api<SessionSummary>(
      "POST",
      `/api/projects/${project.id}/sessions`,
      titleRequest,
    );

    const client = new WebSocketClient({
      url: `ws://127.0.0.1:${server.port}/ws`,
      createSocket: (url) =>
        new WebSocket(url, { headers: { Authorization: `Bearer ${server.token}` } }),
      logger: {
        warn: (message) => serverLog.push(message),
        error: (message) => serverLog.push(message),
      },
    });
    const channel = Channels.session(session.id);
    const events: Frame<SessionEvent>[] = [];
    // No cast and no type argument: the channel's type picks the handler's event union.
    const unsubscribe = client.subscribe(channel, (event) => {
      events.push(event);
      describeSessionEvent(event);
    });
    client.connect();
    try {
      await followTheReply(client, channel, events);
    } finally {
      unsubscribe();
      client.disconnect();
    }
    assert.ok(client.isDisconnected());
  },
);

async function followTheReply(
  client: WebSocketClient,
  channel: ReturnType<typeof Channels.session>,
  events: Frame<SessionEvent>[],
): Promise<void> {
  await waitFor("the connection", 10_000, () => (client.isOpen() ? true : undefined));

  // A ref-matched reply: cancelling a reply that runs nowhere is answered not_found.
  const refused = new Promise<CommandError>((resolve) =>
    client.send(
      { channel, type: SessionCommandType.CANCEL, data: { messageId: "no-such-message" } },
      resolve,
    ),
  );
  assert.equal((await refused).code, ErrorCode.NOT_FOUND);

  client.send({
    channel,
    type: SessionCommandType.SEND_MESSAGE,
    data: { text: "echo hello from another repository", clientMessageId: "consumer-1" },
  });

  const complete = await waitFor("message_complete", 60_000, () =>
    events.find((event) => event.type === "message_complete"),
  );
  assert.equal(complete.type, "message_complete");
  const { messageId, status, chunkCount } = complete.data;
  assert.equal(status, "completed", serverLog.join(""));

  const created = events.flatMap((event) =>
    event.type === "message_created" ? [event.data.message] : [],
  );
  assert.deepEqual(
    created.map((message) => message.role),
    ["user", "agent"],
  );
  assert.equal(created[1]?.id, messageId);

  const chunks = events.flatMap((event) =>
    event.type === "stream_output" && event.data.messageId === messageId ? [event.data] : [],
  );
  assert.equal(chunks.length, chunkCount, "message_complete counts every stream_output chunk");
  assert.deepEqual(
    chunks.map((chunk) => chunk.seq),
    chunks.map((_, index) => index),
  );
  assert.equal(chunks.map((chunk) => chunk.chunk).join(""), "hello from another repository\n");

  // Published events carry their position in the channel's stream; the direct `error` reply
  // to the cancel above was sent to this connection only and has none.
  const offsets = events.flatMap((event) => (event.type === "error" ? [] : [event.offset]));
  assert.ok(
    offsets.every(
      (offset, index) =>
        typeof offset === "number" && (index === 0 || offset > offsets[index - 1]!),
    ),
    `published session events carry increasing offsets: ${offsets.join(", ")}`,
  );
  assert.ok(client.metrics.snapshot().messagesReceived >= events.length);
  assert.deepEqual(client.getActiveChannels(), [channel]);

  // The channel's one Subscription holds its handlers and the position applied: the last offset.
  const subscription = client.getSubscription(channel);
  assert.equal(subscription?.state, "subscribed");
  assert.equal(subscription?.listenerCount, 1);
  assert.equal(subscription?.position?.offset, offsets.at(-1));
}
