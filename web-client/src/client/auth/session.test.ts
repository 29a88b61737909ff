import { describe, expect, it, vi } from "vitest";
import { isSignedIn, signIn, signInFromAddressBar, takeStartupToken } from "./session";

function respond(status: number, body?: unknown) {
  return new Response(body === undefined ? null : JSON.stringify(body), { status });
}

describe("takeStartupToken", () => {
  it("takes the token out of the URL and keeps everything else", () => {
    expect(takeStartupToken("http://127.0.0.1:8080/projects?token=abc&tab=2#top")).toEqual({
      token: "abc",
      cleanUrl: "http://127.0.0.1:8080/projects?tab=2#top",
    });
  });

  it("finds no token when there is none or it is blank", () => {
    expect(takeStartupToken("http://h/?token=%20").token).toBeNull();
    expect(takeStartupToken("http://h/").token).toBeNull();
  });
});

describe("signIn", () => {
  it("posts the token as JSON", async () => {
    const fetchFn = vi.fn(() => Promise.resolve(respond(204)));
    await signIn("abc", fetchFn);
    expect(fetchFn).toHaveBeenCalledWith("/api/auth/session", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: '{"token":"abc"}',
    });
  });

  it("fails with the server's message when the token is refused", async () => {
    const fetchFn = () =>
      Promise.resolve(respond(401, { code: "unauthorized", message: "copy it again" }));
    await expect(signIn("bad", fetchFn)).rejects.toThrow("copy it again");
  });
});

describe("isSignedIn", () => {
  it("is true for 200 and false for 401", async () => {
    await expect(isSignedIn(() => Promise.resolve(respond(200, {})))).resolves.toBe(true);
    await expect(isSignedIn(() => Promise.resolve(respond(401, {})))).resolves.toBe(false);
  });

  it("fails on other statuses instead of pretending to be signed out", async () => {
    await expect(isSignedIn(() => Promise.resolve(respond(503)))).rejects.toThrow("503");
  });
});

describe("signInFromAddressBar", () => {
  it("exchanges the start-up token, removes it from the address bar, then checks the cookie", async () => {
    const fetchFn = vi.fn((url: string) =>
      Promise.resolve(respond(url === "/api/auth/me" ? 200 : 204)),
    );
    const history = { replaceState: vi.fn() };

    const signedIn = await signInFromAddressBar({ href: "http://h/?token=abc" }, history, fetchFn);

    expect(signedIn).toBe(true);
    expect(history.replaceState).toHaveBeenCalledWith(null, "", "http://h/");
    expect(fetchFn.mock.calls.map(([url]) => url)).toEqual(["/api/auth/session", "/api/auth/me"]);
  });

  it("removes a refused token too and reports signed out", async () => {
    const fetchFn = vi.fn(() => Promise.resolve(respond(401, { message: "no" })));
    const history = { replaceState: vi.fn() };

    await expect(
      signInFromAddressBar({ href: "http://h/?token=old" }, history, fetchFn),
    ).resolves.toBe(false);
    expect(history.replaceState).toHaveBeenCalledOnce();
  });

  it("only checks the cookie when the URL has no token", async () => {
    const fetchFn = vi.fn(() => Promise.resolve(respond(401)));
    const history = { replaceState: vi.fn() };
    await signInFromAddressBar({ href: "http://h/" }, history, fetchFn);
    expect(fetchFn).toHaveBeenCalledOnce();
    expect(history.replaceState).not.toHaveBeenCalled();
  });
});
