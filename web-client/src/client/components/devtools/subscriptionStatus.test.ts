import { describe, expect, it } from "vitest";
import { subscriptionStatus } from "./subscriptionStatus";

describe("subscriptionStatus", () => {
  it("shows the state alone before the client knows a position", () => {
    expect(subscriptionStatus({ state: "subscribing", position: null })).toBe("subscribing");
  });

  it("shows the epoch and offset applied after the state", () => {
    expect(subscriptionStatus({ state: "subscribed", position: { epoch: "e1", offset: 7 } })).toBe(
      "subscribed · e1:7",
    );
  });
});
