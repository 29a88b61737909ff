/**
 * The shell page: a real PTY in the browser. Typing runs commands; resizing the window resizes
 * the terminal, and the shell sees the new size.
 */
import assert from "node:assert/strict";
import { e2e } from "../lib/browser.mjs";
import { terminalRows, waitForConnected } from "../lib/page.mjs";

/** Waits until a terminal row reads exactly `text` (after trimming), past the row `after`. */
async function waitForRow(page, text, after = -1, timeout = 15_000) {
  await page.waitForFunction(
    ([wanted, from]) =>
      [...document.querySelectorAll(".xterm-rows > div")]
        .slice(from + 1)
        .some((row) => row.textContent.trim() === wanted),
    [text, after],
    { timeout, polling: 50 },
  );
}

/** Runs `command` and returns the row index and text of the first row matching `pattern` after it. */
async function run(page, command, pattern) {
  const marker = `done-${Math.random().toString(36).slice(2, 8)}`;
  await page.keyboard.type(`clear; ${command}; echo ${marker}\n`);
  await waitForRow(page, marker);
  const rows = await terminalRows(page);
  const index = rows.findIndex((row) => pattern.test(row.trim()));
  assert.ok(index >= 0, `no row matching ${pattern} in:\n${rows.join("\n")}`);
  return rows[index].trim();
}

e2e(
  "shell: typing runs commands, and stty size follows a window resize",
  async ({ openPage, server }) => {
    const { project } = await server.createSession();
    const page = await openPage(`/projects/${project.id}`, {
      width: 1200,
      height: 800,
    });
    await waitForConnected(page);

    await page.getByTestId("open-shell").click();
    await page.waitForURL(/\/shells\//);
    await page.getByTestId("shell-status").getByText("Attached").waitFor();
    await page.getByTestId("terminal").click();

    await page.keyboard.type("echo $((6*7))\n");
    await waitForRow(page, "42");

    const rowsShown = async () => (await terminalRows(page)).length;
    const before = await run(page, "stty size", /^\d+ \d+$/);
    assert.equal(
      Number(before.split(" ")[0]),
      await rowsShown(),
      "stty rows = the terminal's rows",
    );

    const rowsBefore = await rowsShown();
    await page.setViewportSize({ width: 800, height: 500 });
    await page.waitForFunction(
      (previous) => document.querySelectorAll(".xterm-rows > div").length < previous,
      rowsBefore,
    );
    const after = await run(page, "stty size", /^\d+ \d+$/);
    const [rows, cols] = after.split(" ").map(Number);
    const [sttyRowsBefore, sttyColsBefore] = before.split(" ").map(Number);
    assert.ok(
      rows < sttyRowsBefore && cols < sttyColsBefore,
      `stty size went from ${before} to ${after}`,
    );
    assert.equal(rows, await rowsShown(), "stty rows = the terminal's rows after the resize");
  },
);
