import { describe, expect, it } from "vitest";
import { WebSocketMetrics } from "@switchboard/client";
import { exposeMetrics, isMetricsExposureEnabled } from "./metricsExposure";

describe("exposeMetrics", () => {
  it("sets window.__WS_METRICS__ when enabled and removes it on cleanup", () => {
    const target: { __WS_METRICS__?: WebSocketMetrics } = {};
    const metrics = new WebSocketMetrics();
    const cleanup = exposeMetrics(metrics, true, target);
    expect(target.__WS_METRICS__).toBe(metrics);
    cleanup();
    expect(target.__WS_METRICS__).toBeUndefined();
  });

  it("leaves window alone when disabled", () => {
    const target: { __WS_METRICS__?: WebSocketMetrics } = {};
    exposeMetrics(new WebSocketMetrics(), false, target);
    expect(target.__WS_METRICS__).toBeUndefined();
  });

  it("is enabled by default in development builds only", () => {
    const env = (DEV: boolean) => ({ ...import.meta.env, DEV }) as ImportMetaEnv;
    expect(isMetricsExposureEnabled(env(true))).toBe(true);
    expect(isMetricsExposureEnabled(env(false))).toBe(false);
  });
});
