import { describe, expect, it } from "vitest";
import { ErrorCode } from "@switchboard/contract";
import { describeClientError } from "./errorToast";

describe("describeClientError", () => {
  it("offers Retry when the connection is down", () => {
    const toast = describeClientError({ kind: "connection", closeCode: 1006, message: "gone" });
    expect(toast).toEqual({ title: "Connection lost", description: "gone", retry: true });
  });

  it("names the channel of a refused subscription, without Retry", () => {
    const toast = describeClientError({
      kind: "subscription",
      channel: "session:42",
      code: ErrorCode.FORBIDDEN,
      message: "no access",
    });
    expect(toast).toEqual({
      title: "Could not follow session:42",
      description: "no access (forbidden)",
      retry: false,
    });
  });

  it("says when a server error is worth trying again", () => {
    const toast = describeClientError({
      kind: "server",
      code: ErrorCode.RATE_LIMITED,
      message: "slow down",
      retryable: true,
    });
    expect(toast?.description).toBe("slow down (rate_limited, try again)");
    expect(toast?.retry).toBe(false);
  });

  it("leaves a contract refusal to the banner", () => {
    expect(
      describeClientError({ kind: "contract", message: "The server was updated." }),
    ).toBeNull();
  });
});
