/**
 * Issue 20: a reply of 300,000 lines streams into the page without freezing it. The view ends
 * on the last line and keeps following the tail, the heartbeat never starves into a reconnect,
 * the lines the page no longer keeps are counted with a link to the stored output, and a reader
 * who scrolled up gets "Jump to latest" (by keyboard too).
 */
import assert from "node:assert/strict";
import { e2e } from "../lib/browser.mjs";
import {
  lineShown,
  metrics,
  outputView,
  message,
  sendMessage,
  sessionPath,
  waitForConnected,
  waitForMessage,
} from "../lib/page.mjs";

const LINES = 300_000;
const COMMAND = `seq 1 ${LINES} | sed 's/^/line number /'`;

e2e(
  "a 300,000-line reply ends with its last line shown, the tail followed and no reconnect",
  async ({ openPage, server }) => {
    const page = await openPage(sessionPath(await server.createSession()));
    await waitForConnected(page);

    await sendMessage(page, COMMAND);
    await page.waitForFunction(
      () =>
        document.querySelectorAll('[data-testid="message"]')[1]?.getAttribute("data-status") ===
        "completed",
      null,
      { timeout: 60_000, polling: 100 },
    );
    const last = `line number ${LINES}`;
    await page.waitForFunction(
      ([wanted]) =>
        document
          .querySelectorAll('[data-testid="message"]')[1]
          ?.querySelector(`[data-line="${300_000}"]`)?.textContent === wanted,
      [last],
      { timeout: 30_000, polling: 50 },
    );
    assert.ok(await lineShown(page, 1, LINES, last), "the last line is inside the visible box");
    const view = outputView(page, 1);
    assert.equal(await view.getAttribute("data-following"), "true");
    assert.equal(await view.getAttribute("data-line-count"), String(LINES));

    // The page keeps the last 100,000 lines (switchboard.ui.reply-lines) and says so.
    const dropped = message(page, 1).getByTestId("output-dropped");
    await dropped.filter({ hasText: "200,000 earlier lines are no longer shown" }).waitFor();
    await dropped
      .filter({ hasText: "the server stores the first 1,048,576 characters of a reply" })
      .waitFor();
    const link = dropped.getByRole("link", { name: "Download the stored output" });
    const stored = await page.request.get(
      new URL(await link.getAttribute("href"), page.url()).href,
    );
    assert.equal(stored.status(), 200);
    const storedText = await stored.text();
    assert.ok(storedText.startsWith("line number 1\nline number 2\n"), storedText.slice(0, 40));
    assert.match(storedText, /\[output truncated: the first 1048576 of \d+ characters were stored/);

    // No reconnect while it streamed: the heartbeat's pongs were handled in time.
    const counted = await metrics(page);
    assert.equal(counted.reconnections, 0);
    await waitForConnected(page);

    // Scrolled up: following stops and "Jump to latest" appears; Enter on it follows again.
    await view.evaluate((element) => {
      element.scrollTop = 0;
    });
    const jump = message(page, 1).getByTestId("jump-latest");
    await jump.waitFor();
    assert.equal(await view.getAttribute("data-following"), "false");
    assert.equal(await lineShown(page, 1, LINES, last), false);
    await jump.focus();
    await page.keyboard.press("Enter");
    await jump.waitFor({ state: "detached" });
    assert.equal(await view.getAttribute("data-following"), "true");
    await page.waitForFunction(() => document.activeElement?.dataset.testid === "message-output");
    assert.ok(await lineShown(page, 1, LINES, last), "back at the last line");
  },
  { env: { SWITCHBOARD_UI_DEV_TOOLS: "true" }, timeout: 180_000 },
);

e2e("a short reply reads whole, line by line, with stderr apart", async ({ openPage, server }) => {
  const page = await openPage(sessionPath(await server.createSession()));
  await waitForConnected(page);

  await sendMessage(page, "printf 'one\\n\\nthree  wide: 漢字 ✓\\n'; echo oops >&2");
  const output = await waitForMessage(page, 1, "completed");
  assert.equal(output, "one\n\nthree  wide: 漢字 ✓\noops");
  await message(page, 1).locator(".output--stderr", { hasText: "oops" }).waitFor();
});
