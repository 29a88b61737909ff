/**
 * A loopback TCP proxy in front of the server that can silence the connections open right now:
 * their server-to-client bytes are dropped while the sockets stay up, as a dead NAT mapping or a
 * stalled middlebox would. Pongs stop arriving, no close is ever seen, and only the client's
 * heartbeat can notice. Connections opened later pass through normally.
 */
import { connect, createServer } from "node:net";
import { freePort } from "./server.mjs";

export async function startProxy() {
  const port = await freePort();
  let targetPort = null;
  const connections = new Set();
  let opened = 0;
  const server = createServer((client) => {
    opened += 1;
    if (targetPort === null) {
      client.destroy();
      return;
    }
    const upstream = connect(targetPort, "127.0.0.1");
    const connection = { client, upstream, silenced: false };
    connections.add(connection);
    client.pipe(upstream);
    upstream.on("data", (chunk) => {
      if (!connection.silenced) {
        client.write(chunk);
      }
    });
    const close = () => {
      connections.delete(connection);
      client.destroy();
      upstream.destroy();
    };
    client.on("close", close);
    upstream.on("close", close);
    client.on("error", close);
    upstream.on("error", close);
  });
  await new Promise((listening) => server.listen(port, "127.0.0.1", listening));
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    /** Where connections go: set once the server's port is known. */
    set target(value) {
      targetPort = value;
    },
    /** Connections accepted so far. */
    get opened() {
      return opened;
    },
    /** Drops every server-to-client byte of the connections open now. */
    silence() {
      for (const connection of connections) {
        connection.silenced = true;
      }
    },
    close() {
      for (const connection of connections) {
        connection.client.destroy();
        connection.upstream.destroy();
      }
      return new Promise((closed) => server.close(closed));
    },
  };
}
