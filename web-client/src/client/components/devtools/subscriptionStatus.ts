/** How the dev tools describe a channel's subscription: its state and the position applied. */
import type { Subscription } from "@switchboard/client";

/** `"subscribed · e1:7"`, `"subscribing"`; the position once the client has one. */
export function subscriptionStatus(subscription: Pick<Subscription, "state" | "position">): string {
  const { state, position } = subscription;
  return position === null ? state : `${state} · ${position.epoch}:${position.offset}`;
}
