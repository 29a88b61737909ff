/**
 * Regenerates the README's screenshots (docs/images/*.png) from the real jar in headless Chromium:
 * `npm run screenshots --prefix e2e` after `./mvnw -DskipTests package`. Each picture is set up
 * the way a user would get there; nothing is mocked.
 */
import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "./lib/browser.mjs";
import { sendMessage, waitForConnected, waitForMessage } from "./lib/page.mjs";
import { startServer } from "./lib/server.mjs";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const IMAGES = join(REPO, "docs", "images");
const VIEWPORT = { width: 1280, height: 800 };

const server = await startServer("screenshots", { SWITCHBOARD_UI_DEV_TOOLS: "true" });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
try {
  mkdirSync(IMAGES, { recursive: true });
  const project = await server.api("POST", "/api/projects", { name: "switchboard", path: REPO });
  // A second project of its own: projects may not be nested (an agent of the outer one could
  // swap the inner directory for a symbolic link).
  await server.api("POST", "/api/projects", { name: "scratch", path: server.projectDir });
  const session = await server.api("POST", `/api/projects/${project.id}/sessions`, {
    title: "Fix the flaky build",
  });
  await server.api("POST", `/api/projects/${project.id}/sessions`, { title: "Release notes" });

  const page = await (await browser.newContext({ viewport: VIEWPORT })).newPage();
  const open = async (path) => {
    await page.goto(`${server.url}${path}?token=${encodeURIComponent(server.token)}`);
    await waitForConnected(page);
  };
  const shoot = (name) => page.screenshot({ path: join(IMAGES, `${name}.png`) });

  // A session: one finished reply, one streaming (stdout and stderr), caught while it runs.
  await open(`/projects/${project.id}/sessions/${session.id}`);
  await sendMessage(page, "git log --oneline -5; ls");
  await waitForMessage(page, 1, "completed");
  await sendMessage(
    page,
    'for step in compile test package; do echo "== $step"; sleep 1; done; ' +
      'echo "oops: a warning" >&2; sleep 30',
  );
  await page.getByTestId("message-output").getByText("oops: a warning").waitFor();
  await shoot("session");

  // The dev tools over it: frames, subscriptions and metrics of this very page.
  await page.keyboard.press("Control+Shift+W");
  await page.getByTestId("switchboard-ws-devtools").waitFor();
  await shoot("devtools");
  await page.keyboard.press("Control+Shift+W");
  await page.getByTestId("cancel").click();
  await waitForMessage(page, 3, "cancelled");

  await open("/projects");
  await page.getByTestId("project-list").getByRole("link", { name: "docs", exact: true }).waitFor();
  await shoot("projects");

  await open(`/projects/${project.id}`);
  await page.getByTestId("session-list").getByRole("link", { name: "Release notes" }).waitFor();
  await shoot("project");

  // A shell in the project's directory.
  await page.getByTestId("open-shell").click();
  await page.getByTestId("shell-status").getByText("Attached").waitFor();
  await page.getByTestId("terminal").click();
  await page.keyboard.type("ls --color=always; git log --oneline -3; echo $((6*7))\n");
  await page.waitForFunction(() =>
    [...document.querySelectorAll(".xterm-rows > div")].some(
      (row) => row.textContent.trim() === "42",
    ),
  );
  await shoot("shell");
  console.log(`Wrote ${IMAGES}/{session,devtools,projects,project,shell}.png`);
} finally {
  await browser.close();
  await server.dispose();
}
