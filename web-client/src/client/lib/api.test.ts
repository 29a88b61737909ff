import { describe, expect, it, vi } from "vitest";
import { ApiRequestError, createApi, type Fetch } from "./api";

function respond(status: number, body?: unknown) {
  return new Response(body === undefined ? null : JSON.stringify(body), { status });
}

/** A fetch that answers `status` (with `{}`, or no body for 204) and records every call. */
function recording(status: number) {
  return vi.fn<Fetch>(() => Promise.resolve(respond(status, status === 204 ? undefined : {})));
}

describe("createApi", () => {
  // The server refuses a body that is not declared as JSON (415): a type a form or a Blob from
  // another site could not send without a preflight.
  it("declares every body it sends as JSON", async () => {
    const fetchFn = recording(201);
    const api = createApi(fetchFn);

    await api.createProject("p", "/tmp/p");
    await api.createSession("p-1", "Fix the build");
    await api.createSession("p-1");
    await api.createShell("p-1", 80, 24);

    expect(fetchFn).toHaveBeenCalledTimes(4);
    for (const [, init] of fetchFn.mock.calls) {
      expect(init?.method).toBe("POST");
      expect(init?.headers).toMatchObject({ "Content-Type": "application/json" });
      expect(typeof init?.body === "string" && JSON.parse(init.body)).toBeTypeOf("object");
      expect(init?.credentials).toBe("same-origin");
    }
  });

  it("sends no body and no Content-Type when there is nothing to send", async () => {
    const fetchFn = recording(204);
    const api = createApi(fetchFn);

    await api.deleteSession("s-1");
    await api.deleteProject("p-1");

    for (const [, init] of fetchFn.mock.calls) {
      expect(init?.body).toBeUndefined();
      expect(init?.headers).not.toHaveProperty("Content-Type");
    }
  });

  it("turns a refusal into an error with the server's code and message", async () => {
    const api = createApi(() =>
      Promise.resolve(respond(415, { code: "bad_request", message: "send JSON" })),
    );

    const refused = api.createProject("p", "/tmp/p");

    await expect(refused).rejects.toBeInstanceOf(ApiRequestError);
    await expect(refused).rejects.toMatchObject({
      status: 415,
      code: "bad_request",
      message: "send JSON",
    });
  });
});
