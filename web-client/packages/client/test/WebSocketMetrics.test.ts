import { describe, expect, it, vi } from "vitest";
import { WebSocketMetrics } from "../src/WebSocketMetrics.js";

describe("WebSocketMetrics", () => {
  it("counts sent and received frames and reconnections", () => {
    const metrics = new WebSocketMetrics();
    metrics.trackSent();
    metrics.trackSent();
    metrics.trackReceived();
    metrics.trackReconnection();

    expect(metrics.snapshot()).toMatchObject({
      messagesSent: 2,
      messagesReceived: 1,
      reconnections: 1,
    });
  });

  it("counts subscription answers no subscription took", () => {
    const metrics = new WebSocketMetrics();
    metrics.trackStaleAnswer();
    metrics.trackStaleAnswer();
    expect(metrics.snapshot().staleAnswers).toBe(2);
  });

  it("has no average latency before the first pong", () => {
    expect(new WebSocketMetrics().averageLatency).toBeNull();
  });

  it("averages latency over the last 100 samples only", () => {
    const metrics = new WebSocketMetrics();
    for (let i = 0; i < 100; i += 1) {
      metrics.trackLatency(1000);
    }
    for (let i = 0; i < 100; i += 1) {
      metrics.trackLatency(10);
    }

    expect(metrics.snapshot().latenciesMs).toHaveLength(100);
    expect(metrics.averageLatency).toBe(10);
  });

  it("keeps the same snapshot object until something changes", () => {
    const metrics = new WebSocketMetrics();
    const before = metrics.snapshot();
    expect(metrics.snapshot()).toBe(before);

    metrics.trackLatency(20);

    expect(metrics.snapshot()).not.toBe(before);
    expect(before.latenciesMs).toEqual([]);
  });

  it("notifies subscribers until they unsubscribe", () => {
    const metrics = new WebSocketMetrics();
    const listener = vi.fn();
    const unsubscribe = metrics.subscribe(listener);
    metrics.trackSent();
    unsubscribe();
    metrics.trackSent();
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it("starts from zero after reset()", () => {
    const metrics = new WebSocketMetrics();
    metrics.trackSent();
    metrics.trackStaleAnswer();
    metrics.trackLatency(5);
    metrics.reset();
    expect(metrics.snapshot()).toMatchObject({
      messagesSent: 0,
      staleAnswers: 0,
      averageLatencyMs: null,
    });
  });
});
