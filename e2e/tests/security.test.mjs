/**
 * What the browser enforces for the server: the Content-Security-Policy on every page (which the
 * client must run under without a single violation), and the refusal of requests another page on
 * this host sends with the user's cookie.
 */
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { cspViolations, e2e } from "../lib/browser.mjs";
import { freePort } from "../lib/server.mjs";
import {
  linesCommand,
  sendMessage,
  sessionPath,
  waitForConnected,
  waitForMessage,
} from "../lib/page.mjs";

/** Asserts that a navigation's answer carries the policy and its companions. */
function assertProtected(response) {
  const headers = response.headers();
  const policy = headers["content-security-policy"] ?? "";
  assert.match(policy, /default-src 'self'/, `no CSP on ${response.url()}`);
  assert.match(policy, /frame-ancestors 'none'/);
  assert.doesNotMatch(policy, /unsafe-eval/);
  assert.equal(headers["x-content-type-options"], "nosniff");
  assert.equal(headers["referrer-policy"], "no-referrer");
}

e2e(
  "every page, the terminal and the dev tools run under the CSP without a violation",
  async ({ openPage, server, base }) => {
    const { project, session } = await server.createSession();
    // The harness fails the test on any CSP violation in the console of these pages.
    const page = await openPage("/projects");
    await waitForConnected(page);

    assertProtected(await page.goto(`${base}/projects/${project.id}`));
    await waitForConnected(page);
    await page.getByText(session.title, { exact: true }).first().waitFor();

    assertProtected(await page.goto(`${base}${sessionPath({ project, session })}`));
    await waitForConnected(page);
    await sendMessage(page, linesCommand(20, 0.01));
    await waitForMessage(page, 1, "completed");
    await page.keyboard.press("Control+Shift+W");
    await page.getByTestId("switchboard-ws-devtools").waitFor();
    await page.getByTestId("devtools-frames").getByText("send_message").first().waitFor();

    await page.goto(`${base}/projects/${project.id}`);
    await waitForConnected(page);
    await page.getByTestId("open-shell").click();
    await page.waitForURL(/\/shells\//);
    await page.getByTestId("shell-status").getByText("Attached").waitFor();
    await page.getByTestId("terminal").click();
    await page.keyboard.type("printf '\\033[31mred\\033[0m %s\\n' $((6*7))\n");
    await page.waitForFunction(() =>
      [...document.querySelectorAll(".xterm-rows > div")].some(
        (row) => row.textContent.trim() === "red 42",
      ),
    );
  },
  { env: { SWITCHBOARD_UI_DEV_TOOLS: "true" } },
);

e2e("the browser enforces the policy: no inline script, no eval", async ({ browser, base }) => {
  // A page of its own, outside the harness's violation check: this test makes some on purpose.
  const page = await (await browser.newContext()).newPage();
  const consoleLines = [];
  page.on("console", (message) => consoleLines.push(message.text()));

  assertProtected(await page.goto(`${base}/`));
  const ran = await page.evaluate(() => {
    const script = document.createElement("script");
    script.textContent = "window.__inlineScriptRan = true";
    document.head.append(script);
    return window.__inlineScriptRan === true;
  });
  // A string timer compiles in the page's own turn (code Playwright evaluates may use eval).
  await page.evaluate(() => setTimeout("window.__stringEvaluated = true", 0));
  await page.waitForTimeout(200);
  const evaluated = await page.evaluate(() => window.__stringEvaluated === true);

  assert.equal(ran, false, "an injected inline script ran");
  assert.equal(evaluated, false, "a string was evaluated as code");
  for (let waited = 0; cspViolations(consoleLines).length < 2 && waited < 5_000; waited += 100) {
    await page.waitForTimeout(100);
  }
  assert.equal(cspViolations(consoleLines).length, 2, `reported: ${consoleLines.join("\n")}`);
});

/** A page on another port of this host that sends `requests` with the visitor's cookies. */
async function startAttackerPage(target, requests) {
  const port = await freePort();
  const script = requests
    .map(
      ({ path, body }) =>
        `await fetch(${JSON.stringify(target + path)}, {method: "POST", mode: "no-cors",` +
        ` credentials: "include", body: new Blob([${JSON.stringify(body)}])}).catch(() => {});`,
    )
    .join("\n");
  const html = `<!doctype html><title>elsewhere</title><script type="module">
${script}
document.title = "sent";
</script>`;
  const attacker = createServer((request, response) => {
    response.writeHead(200, { "Content-Type": "text/html" });
    response.end(html);
  });
  await new Promise((listening) => attacker.listen(port, "127.0.0.1", listening));
  return { url: `http://127.0.0.1:${port}/`, close: () => attacker.close() };
}

e2e(
  "a page on another port of this host cannot use the signed-in user's cookie",
  async ({ openPage, server, base }) => {
    const { session } = await server.createSession();
    const channel = `session:${session.id}`;
    const before = await server.api("GET", "/api/tokens");
    const page = await openPage("/projects");
    await waitForConnected(page);

    // SameSite=Strict cookies go to every port of the host: the browser attaches this one.
    const attacker = await startAttackerPage(base, [
      { path: "/api/tokens", body: '{"name":"forged","shell":true}' },
      {
        path: `/api/channels/${channel}/events`,
        body: JSON.stringify({
          type: "stream_output",
          data: { messageId: "m-forged", seq: 0, chunk: "forged\n", stream: "stdout" },
        }),
      },
      { path: "/api/auth/session", body: JSON.stringify({ token: server.token }) },
    ]);
    try {
      const elsewhere = await page.context().newPage();
      await elsewhere.goto(attacker.url);
      await elsewhere.waitForFunction(() => document.title === "sent");
      await elsewhere.close();
    } finally {
      attacker.close();
    }

    assert.deepEqual(await server.api("GET", "/api/tokens"), before, "a token was forged");
    const published = await server.api("POST", `/api/channels/${channel}/events`, {
      type: "stream_output",
      data: { messageId: "m-1", seq: 0, chunk: "real\n", stream: "stdout" },
    });
    assert.equal(published.offset, 1, "a forged event was published before this one");
    // The page itself still works with the same cookie.
    await page.reload();
    await waitForConnected(page);
  },
);
