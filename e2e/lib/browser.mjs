/**
 * `e2e(name, fn)` declares one browser test: a fresh server jar (see server.mjs), Debian's
 * Chromium through playwright-core, and, when the test fails, a screenshot of every open page
 * plus each page's browser console and the server log's location in `target/failures/<name>/`.
 * A test whose pages report a Content-Security-Policy violation fails too: every page of every
 * test checks that the server's policy lets the client do all it needs.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { chromium } from "playwright-core";
import { startProxy } from "./proxy.mjs";
import { startServer, TARGET_DIR } from "./server.mjs";

/** `CHROMIUM_PATH`, else Debian's package. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  // Background tabs must keep their timers (heartbeats) running like a visible one.
  "--disable-background-timer-throttling",
  "--disable-renderer-backgrounding",
  "--disable-backgrounding-occluded-windows",
];

/**
 * @param {string} name test name, also the server's log and the failure folder's name
 * @param {(t: TestContext) => Promise<void>} fn the test body
 * @param {{ env?: Record<string, string>, proxy?: boolean, timeout?: number }} options the
 *     server's configuration; `proxy: true` puts a {@link startProxy} proxy between the pages
 *     and the server (allowed as an origin) and hands it to the test
 */
export function e2e(name, fn, { env = {}, proxy: withProxy = false, timeout = 120_000 } = {}) {
  test(name, { timeout }, async () => {
    const slug = name.replace(/[^a-z0-9]+/gi, "-").toLowerCase();
    const pages = [];
    const cleanup = [];
    try {
      const proxy = withProxy ? await startProxy() : null;
      if (proxy !== null) {
        cleanup.unshift(() => proxy.close());
        env = { SWITCHBOARD_WS_ALLOWED_ORIGINS: proxy.url, ...env };
      }
      const server = await startServer(slug, env);
      cleanup.unshift(() => server.dispose());
      if (proxy !== null) {
        proxy.target = server.port;
      }
      const base = proxy?.url ?? server.url;
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
      cleanup.unshift(() => browser.close());
      await fn({
        server,
        proxy,
        browser,
        /** The address pages open: the proxy's when there is one. */
        base,
        /** A page of a new browser context (its own cookies) at `path`, signed in by the start-up link. */
        async openPage(path = "/", viewport = { width: 1280, height: 800 }) {
          const page = await (await browser.newContext({ viewport })).newPage();
          track(page, pages);
          // The start-up link works on any path: one load signs in and opens the page.
          await page.goto(`${base}${path}?token=${encodeURIComponent(server.token)}`);
          // The banner renders once the session cookie is set: from then on other tabs of this
          // context are signed in too.
          await page.getByTestId("connection-banner").waitFor();
          return page;
        },
        /** Another tab of `page`'s browser context (same session cookie). */
        async openTab(page, path) {
          const tab = await page.context().newPage();
          track(tab, pages);
          await tab.goto(`${base}${path}`);
          return tab;
        },
      });
      assertNoCspViolations(pages);
    } catch (error) {
      await saveFailure(slug, pages, error);
      throw error;
    } finally {
      // Browser first, then the server, then the proxy in front of it.
      for (const step of cleanup) {
        await step().catch(() => {});
      }
    }
  });
}

/**
 * The console lines in which Chromium reports a blocked script, style, connection or eval ("Refused
 * to load …" or "Applying inline style violates the following Content Security Policy directive …").
 */
export function cspViolations(consoleLines) {
  return consoleLines.filter((line) => line.includes("Content Security Policy"));
}

function assertNoCspViolations(pages) {
  const found = pages.flatMap(({ page, console }) =>
    cspViolations(console).map((line) => `${page.url()}: ${line}`),
  );
  if (found.length > 0) {
    throw new Error(`The Content-Security-Policy blocked something:\n${found.join("\n")}`);
  }
}

function track(page, pages) {
  const entry = { page, console: [] };
  page.on("console", (message) => entry.console.push(`[${message.type()}] ${message.text()}`));
  page.on("pageerror", (error) => entry.console.push(`[pageerror] ${error.stack ?? error}`));
  page.on("crash", () => entry.console.push("[crash] the page crashed"));
  pages.push(entry);
}

function saveFailure(slug, pages, error) {
  const dir = join(TARGET_DIR, "failures", slug);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "error.txt"),
    `${error?.stack ?? error}\n\nServer log: target/logs/${slug}*.log\n`,
  );
  return Promise.all(
    pages.map(async ({ page, console }, index) => {
      writeFileSync(
        join(dir, `page-${index}-console.txt`),
        `${page.url()}\n${console.join("\n")}\n`,
      );
      if (!page.isClosed()) {
        await page
          .screenshot({ path: join(dir, `page-${index}.png`), fullPage: true })
          .catch(() => {});
      }
    }),
  );
}
