/**
 * A page and a server built from different contracts: the server announces another version
 * (`switchboard.contract.advertised-version`, a setting for exactly this test). Another major: the
 * page sends nothing, says the server was updated and offers Reload, without an exception. A newer
 * minor: the page works, and only the dev tools show the difference.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { e2e } from "../lib/browser.mjs";
import { sessionPath, waitForConnected } from "../lib/page.mjs";

/** The contract version the web client was built with (MAJOR.MINOR). */
const CLIENT_VERSION = /version: "(\d+\.\d+)"/.exec(
  readFileSync(
    new URL("../../web-client/packages/contract/src/generated/contract-version.ts", import.meta.url),
    "utf8",
  ),
)[1];
const [MAJOR, MINOR] = CLIENT_VERSION.split(".").map(Number);
const NEXT_MAJOR = `${MAJOR + 1}.0`;
const NEXT_MINOR = `${MAJOR}.${MINOR + 1}`;

/** Records what the page sends on `/ws` and every uncaught exception. */
function watch(page) {
  const seen = { sent: [], errors: [] };
  page.on("websocket", (socket) => {
    if (new URL(socket.url()).pathname === "/ws") {
      socket.on("framesent", (frame) => seen.sent.push(frame.payload));
    }
  });
  page.on("pageerror", (error) => seen.errors.push(String(error)));
  return seen;
}

e2e(
  "a server of another major contract gets no command, and the page offers Reload",
  async ({ browser, base, server }) => {
    const created = await server.createSession();
    const page = await (await browser.newContext()).newPage();
    const seen = watch(page);
    await page.goto(`${base}${sessionPath(created)}?token=${encodeURIComponent(server.token)}`);

    const banner = page.getByRole("alert").filter({ hasText: "The server was updated" });
    await banner.waitFor();
    assert.match(
      await banner.innerText(),
      new RegExp(`updated to contract ${NEXT_MAJOR.replace(".", "\\.")}; this page speaks`),
    );
    await banner.getByRole("button", { name: "Reload" }).waitFor();
    // Time for anything queued to go out, had the client not stopped.
    await page.waitForTimeout(1_000);
    assert.deepEqual(seen.sent, []);
    assert.deepEqual(seen.errors, []);
  },
  { env: { SWITCHBOARD_CONTRACT_ADVERTISED_VERSION: NEXT_MAJOR } },
);

e2e(
  "a server of a newer minor contract works; the dev tools show the difference",
  async ({ openPage, server }) => {
    const page = await openPage(sessionPath(await server.createSession()));
    await waitForConnected(page);
    assert.equal(await page.getByRole("alert").count(), 0);

    // The dev tools' chunk has loaded once their button shows.
    await page.getByRole("button", { name: /Open WebSocket dev tools/ }).waitFor();
    await page.keyboard.press("Control+Shift+W");
    const line = page.getByTestId("devtools-contract");
    await line.waitFor();
    const text = await line.innerText();
    assert.match(text, new RegExp(`this page ${CLIENT_VERSION.replace(".", "\\.")}`));
    assert.match(text, new RegExp(`server ${NEXT_MINOR.replace(".", "\\.")} .*compatible`));
    assert.match(text, /newer than this page's/);
  },
  { env: { SWITCHBOARD_CONTRACT_ADVERTISED_VERSION: NEXT_MINOR, SWITCHBOARD_UI_DEV_TOOLS: "true" } },
);
