/**
 * What the tests read from and do on Switchboard's pages, in one place: when a page changes,
 * only this file follows.
 */

/** The connection banner; `label` waits until it shows that text (string or RegExp). */
export async function waitForBanner(page, label, timeout = 30_000) {
  await page.getByTestId("connection-banner").filter({ hasText: label }).waitFor({ timeout });
}

/**
 * Waits until the banner shows "Connected" with a measured latency: the connection is open and a
 * ping has had its pong on it, so the server has certainly accepted it.
 */
export async function waitForConnected(page, timeout = 30_000) {
  await waitForBanner(page, /Connected.*Latency \d+ ms/, timeout);
}

/** `window.__WS_METRICS__`'s snapshot, or null when the page does not expose it. */
export function metrics(page) {
  return page.evaluate(() => window.__WS_METRICS__?.snapshot() ?? null);
}

/**
 * Waits until `predicate(metrics, arg)` holds and returns that snapshot. The predicate runs here,
 * on snapshots read every 50 ms: compiling it in the page would need `eval`, which the server's
 * Content-Security-Policy forbids.
 */
export async function waitForMetrics(page, predicate, { arg = null, timeout = 30_000 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const snapshot = await metrics(page);
    if (snapshot !== null && predicate(snapshot, arg)) {
      return snapshot;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `waitForMetrics: ${predicate} did not hold within ${timeout} ms; last snapshot: ${JSON.stringify(snapshot)}`,
      );
    }
    await new Promise((wait) => setTimeout(wait, 50));
  }
}

/** The session page's path. */
export function sessionPath({ project, session }) {
  return `/projects/${project.id}/sessions/${session.id}`;
}

/** Types `text` in the send box and presses Enter. */
export async function sendMessage(page, text) {
  const box = page.locator("#message-text");
  await box.fill(text);
  await box.press("Enter");
}

/** The n-th message of the conversation (0 = the first user message, 1 = its reply, ...). */
export function message(page, index) {
  return page.getByTestId("message").nth(index);
}

/** Waits until the n-th message has `status` (e.g. "completed"), then returns its output text. */
export async function waitForMessage(page, index, status, timeout = 60_000) {
  await page.waitForFunction(
    ([i, wanted]) =>
      document.querySelectorAll('[data-testid="message"]')[i]?.getAttribute("data-status") ===
      wanted,
    [index, status],
    { timeout, polling: 100 },
  );
  return readOutput(page, index);
}

/**
 * Every line the n-th message's output view keeps, newline-separated. The view renders only the
 * rows on screen, so this scrolls it from top to bottom and reads the rows (`data-line` numbers
 * them) as a reader scrolling through would, then leaves it scrolled to the bottom.
 */
export async function readOutput(page, index) {
  return page.evaluate(async (i) => {
    const view = document
      .querySelectorAll('[data-testid="message"]')
      [i]?.querySelector('[data-testid="message-output"]');
    if (!view) {
      return "";
    }
    const painted = () => new Promise((done) => requestAnimationFrame(() => done()));
    const lines = new Map();
    view.scrollTop = 0;
    for (;;) {
      await painted();
      await painted();
      for (const row of view.querySelectorAll("[data-line]")) {
        lines.set(Number(row.getAttribute("data-line")), row.textContent);
      }
      if (view.scrollTop + view.clientHeight >= view.scrollHeight - 1) {
        break;
      }
      view.scrollTop += view.clientHeight;
    }
    return [...lines.keys()]
      .sort((a, b) => a - b)
      .map((line) => lines.get(line))
      .join("\n");
  }, index);
}

/** The n-th message's output view (a scrolling box of line rows). */
export function outputView(page, index) {
  return message(page, index).getByTestId("message-output");
}

/**
 * Whether output line `lineNumber` (1-based) of the n-th message is rendered inside the visible
 * part of its view, with `text`.
 */
export function lineShown(page, index, lineNumber, text) {
  return page.evaluate(
    ([i, n, wanted]) => {
      const view = document
        .querySelectorAll('[data-testid="message"]')
        [i]?.querySelector('[data-testid="message-output"]');
      const row = view?.querySelector(`[data-line="${n}"]`);
      if (!view || !row || row.textContent !== wanted) {
        return false;
      }
      const box = view.getBoundingClientRect();
      const line = row.getBoundingClientRect();
      return line.top >= box.top - 1 && line.bottom <= box.bottom + 1;
    },
    [index, lineNumber, text],
  );
}

/** A shell command printing "line 1" … "line n", one every `intervalSeconds`. */
export function linesCommand(n, intervalSeconds) {
  return `i=1; while [ $i -le ${n} ]; do echo "line $i"; i=$((i+1)); sleep ${intervalSeconds}; done`;
}

/** The lines "line 1" … "line n", for comparing a reply's output. */
export function expectedLines(n) {
  return Array.from({ length: n }, (_, index) => `line ${index + 1}`);
}

/** The text rows of the xterm.js terminal on the shell page. */
export function terminalRows(page) {
  return page.locator(".xterm-rows > div").allInnerTexts();
}
