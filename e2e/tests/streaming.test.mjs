/**
 * A reply's output streaming into the page: in order, across a reload in the middle of it, and
 * into two tabs at once.
 */
import assert from "node:assert/strict";
import { e2e } from "../lib/browser.mjs";
import {
  expectedLines,
  linesCommand,
  message,
  readOutput,
  sendMessage,
  sessionPath,
  waitForConnected,
  waitForMessage,
} from "../lib/page.mjs";

const LINES = 300;
/** 300 lines over about 6 s. */
const STREAM = linesCommand(LINES, 0.02);

function lines(output) {
  return output.split("\n").filter((line) => line !== "");
}

e2e(
  "a 300-line reply streams into the page in order and completes",
  async ({ openPage, server }) => {
    const page = await openPage(sessionPath(await server.createSession()));
    await waitForConnected(page);

    await sendMessage(page, STREAM);
    // It is visibly streaming before it completes.
    await page.getByTestId("stream-cursor").waitFor();
    await page.waitForFunction(
      () =>
        Number(
          document
            .querySelectorAll('[data-testid="message"]')[1]
            ?.querySelector('[data-testid="message-output"]')
            ?.getAttribute("data-line-count"),
        ) >= 100,
      null,
      { polling: 50 },
    );
    assert.equal(await message(page, 1).getAttribute("data-status"), "running");

    const output = await waitForMessage(page, 1, "completed");
    assert.deepEqual(lines(output), expectedLines(LINES));
    await message(page, 1).getByTestId("exit-code").filter({ hasText: "exit code 0" }).waitFor();
  },
);

e2e(
  "a reload 2 s into the stream shows every line exactly once, then completion",
  async ({ openPage, server }) => {
    const page = await openPage(sessionPath(await server.createSession()));
    await waitForConnected(page);

    await sendMessage(page, STREAM);
    await message(page, 1).getByTestId("message-output").waitFor();
    await page.waitForTimeout(2_000);
    const before = lines(await readOutput(page, 1));
    assert.ok(
      before.length > 0 && before.length < LINES,
      `${before.length} lines before the reload`,
    );

    await page.reload();
    await waitForConnected(page);
    const output = await waitForMessage(page, 1, "completed");
    assert.deepEqual(lines(output), expectedLines(LINES));
  },
);

e2e(
  "two tabs on one session both stream a message sent from one of them",
  async ({ openPage, openTab, server }) => {
    const path = sessionPath(await server.createSession());
    const first = await openPage(path);
    const second = await openTab(first, path);
    await waitForConnected(first);
    await waitForConnected(second);

    await sendMessage(first, linesCommand(50, 0.02));

    const [fromFirst, fromSecond] = await Promise.all([
      waitForMessage(first, 1, "completed"),
      waitForMessage(second, 1, "completed"),
    ]);
    assert.deepEqual(lines(fromFirst), expectedLines(50));
    assert.deepEqual(lines(fromSecond), expectedLines(50));
    // The second tab shows the user's message too, not only the reply.
    assert.equal(
      await message(second, 0).locator(".message__text").innerText(),
      linesCommand(50, 0.02),
    );
  },
);
