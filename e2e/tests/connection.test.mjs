/**
 * The connection as a user sees it: the banner, the metrics, heartbeats over a path that goes
 * silent, and a server restart survived without a reload.
 */
import assert from "node:assert/strict";
import { e2e } from "../lib/browser.mjs";
import { metrics, waitForBanner, waitForConnected, waitForMetrics } from "../lib/page.mjs";

e2e(
  "connect shows Connected and window.__WS_METRICS__ counts frames",
  async ({ openPage }) => {
    const page = await openPage("/projects");

    await waitForConnected(page);
    const counted = await waitForMetrics(page, (m) => m.messagesReceived > 0 && m.messagesSent > 0);
    assert.equal(counted.reconnections, 0);
  },
  { env: { SWITCHBOARD_UI_DEV_TOOLS: "true" } },
);

e2e("without dev tools configured, the page exposes no metrics", async ({ openPage }) => {
  const page = await openPage("/projects");

  await waitForConnected(page);
  assert.equal(await metrics(page), null);
});

const HEARTBEAT_INTERVAL_MS = 1_000;

e2e(
  "heartbeat: pongs flow without reconnects; when they stop, the client reconnects in time",
  async ({ openPage, proxy }) => {
    const page = await openPage("/projects");
    await waitForConnected(page);

    // Several round trips at the shortened interval, on the first connection.
    const flowing = await waitForMetrics(page, (m) => m.latenciesMs.length >= 3);
    assert.equal(flowing.reconnections, 0);
    await waitForBanner(page, /Latency \d+ ms/);

    // The path goes silent: no close, no error, just no more bytes from the server.
    proxy.silence();
    const silencedAt = Date.now();
    const reconnected = await waitForMetrics(page, (m) => m.reconnections >= 1, {
      timeout: 15_000,
    });
    await waitForConnected(page);
    const elapsed = Date.now() - silencedAt;

    assert.equal(reconnected.reconnections, 1);
    assert.ok(
      elapsed <= HEARTBEAT_INTERVAL_MS + 5_000,
      `reconnected ${elapsed} ms after the pongs stopped, allowed interval + 5 s`,
    );
    // And heartbeats flow again on the new connection.
    const before = (await metrics(page)).latenciesMs.length;
    await waitForMetrics(page, (m, atLeast) => m.latenciesMs.length >= atLeast, {
      arg: before + 2,
    });
  },
  {
    proxy: true,
    env: {
      SWITCHBOARD_UI_DEV_TOOLS: "true",
      SWITCHBOARD_WS_HEARTBEAT_INTERVAL: `${HEARTBEAT_INTERVAL_MS}ms`,
      SWITCHBOARD_WS_PONG_TIMEOUT: "2s",
    },
  },
);

e2e(
  "server restart: the banner counts attempts, then reconnects and resubscribes without a reload",
  async ({ openPage, server }) => {
    const { project } = await server.createSession("before the restart");
    const page = await openPage(`/projects/${project.id}`);
    await waitForConnected(page);
    await page.getByText("before the restart").waitFor();
    await page.evaluate(() => {
      window.__notReloaded = true;
    });

    await server.kill();
    await waitForBanner(page, /Reconnecting… \(\d\/5\)/);

    await server.start();
    await waitForBanner(page, "Connected", 45_000);
    // The project's channel is followed again: a session created now appears live.
    await server.api("POST", `/api/projects/${project.id}/sessions`, {
      title: "after the restart",
    });
    await page.getByText("after the restart").waitFor({ timeout: 15_000 });
    assert.equal(await page.evaluate(() => window.__notReloaded), true);
  },
);
