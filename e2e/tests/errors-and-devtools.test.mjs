/**
 * Errors the user must see (a toast for an error event; "Retry" while the server is down) and the
 * WebSocket dev tools panel.
 */
import assert from "node:assert/strict";
import { e2e } from "../lib/browser.mjs";
import {
  linesCommand,
  metrics,
  sendMessage,
  sessionPath,
  waitForBanner,
  waitForConnected,
  waitForMessage,
  waitForMetrics,
} from "../lib/page.mjs";

/** A toast (sonner) whose text contains `text`. */
function toast(page, text) {
  return page.locator("[data-sonner-toast]").filter({ hasText: text });
}

e2e("an error event from the server shows a toast", async ({ openPage, server }) => {
  const created = await server.createSession();
  const page = await openPage(sessionPath(created));
  await waitForConnected(page);
  // A first reply proves the page follows the session's channel.
  await sendMessage(page, "echo first");
  await waitForMessage(page, 1, "completed");

  // The session is deleted behind the page's back: the server refuses the next message with an
  // error event.
  await server.api("DELETE", `/api/sessions/${created.session.id}`);
  await sendMessage(page, "echo too late");

  await toast(page, "Server error").filter({ hasText: "does not exist" }).waitFor();
  await toast(page, "not_found").waitFor();
  // The refused message keeps its text and says why, instead of "Sending" forever.
  const refused = page.getByTestId("message").last();
  await refused.getByText("Not sent").waitFor();
  await refused.getByTestId("message-error").getByText("does not exist").waitFor();
  assert.equal(await refused.locator(".message__text").innerText(), "echo too late");
});

e2e(
  "with the server down, the connection toast offers Retry, which reconnects",
  async ({ openPage, server }) => {
    const page = await openPage("/projects");
    await waitForConnected(page);

    await server.kill();
    const lost = toast(page, "Connection lost");
    await lost.waitFor();
    // Retry tries at once, with a fresh attempt budget, even while the server is still down.
    await waitForBanner(page, /Reconnecting… \([2-5]\/5\)/);
    await lost.getByRole("button", { name: "Retry" }).click();
    await waitForBanner(page, /Connecting…|Reconnecting… \(1\/5\)/);

    await server.start();
    await waitForConnected(page, 45_000);
    await lost.waitFor({ state: "detached" });
  },
);

e2e(
  "dev tools: Ctrl+Shift+W opens the panel; frames and metrics follow a message; Reconnect reconnects",
  async ({ openPage, server }) => {
    const page = await openPage(sessionPath(await server.createSession()));
    await waitForConnected(page);
    const panel = page.getByTestId("switchboard-ws-devtools");
    // The dev tools' chunk has loaded once their button shows; the panel is closed.
    await page.getByRole("button", { name: /Open WebSocket dev tools/ }).waitFor();
    assert.equal(await panel.count(), 0);

    await page.keyboard.press("Control+Shift+W");
    await panel.waitFor();
    const frames = panel.getByTestId("devtools-frames").locator("li");
    // Subscribed only once the server's answer carried the ref of the client's subscribe.
    const subscribed = panel
      .getByTestId("devtools-subscriptions")
      .locator("li", { hasText: /^session:\S+ subscribed · / });
    await subscribed.waitFor();
    const before = await metrics(page);
    const framesBefore = await frames.count();

    await sendMessage(page, linesCommand(5, 0));
    await waitForMessage(page, 1, "completed");

    const after = await waitForMetrics(page, (m) => m.messagesReceived > 0);
    assert.ok(after.messagesSent > before.messagesSent, "the send_message command is counted");
    assert.ok(after.messagesReceived >= before.messagesReceived + 3, "its events are counted");
    assert.ok((await frames.count()) > framesBefore, "the frame log shows the new frames");
    assert.equal(after.staleAnswers, 0, "every subscription answer was taken");
    await panel.getByTestId("devtools-frames").getByText("send_message").first().waitFor();
    await panel
      .getByTestId("devtools-metrics")
      .getByText(String(after.messagesSent), { exact: true })
      .first()
      .waitFor();

    await panel.getByRole("button", { name: "Reconnect" }).click();
    await waitForMetrics(page, (m) => m.reconnections === 1);
    await waitForConnected(page);
    await panel.getByTestId("devtools-metrics").getByText("Reconnections").waitFor();
    await subscribed.waitFor();

    await page.keyboard.press("Control+Shift+W");
    await panel.waitFor({ state: "hidden" });
  },
  { env: { SWITCHBOARD_UI_DEV_TOOLS: "true" } },
);
