/**
 * SubscriptionRegistry holds the one {@link Subscription} of every followed channel, keyed by its
 * name: the first `subscribe()` of a channel creates it and joins it on the server, the last
 * unsubscribe leaves and forgets it, and the connection's events reach it here, as do the server's
 * answers about subscriptions: an answer no subscription takes (it answers an earlier subscription
 * of the channel, see `Subscription`) is counted as stale and otherwise ignored.
 */
import {
  type ChannelEvent,
  type ChannelName,
  type Frame,
  type GlobalEvent,
  isUnsubscribedEvent,
} from "@switchboard/contract";
import type { ClientError } from "./connectionErrors.js";
import {
  type ChannelHandler,
  type ErrorLogger,
  type EventHandler,
  Subscription,
  type SubscriptionListener,
  type SubscriptionTransport,
} from "./subscription.js";
import type { SubscribeOptions } from "./webSocketClientOptions.js";

/** The server's answers about one channel's subscription, on `global`. */
export type SubscriptionAnswer = Extract<
  Frame<GlobalEvent>,
  { type: "subscription_success" | "subscription_error" | "unsubscribed" }
>;

export class SubscriptionRegistry {
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly transport: SubscriptionTransport;
  private readonly logger: ErrorLogger;
  private readonly report: (error: ClientError) => void;
  private readonly stale: (answer: SubscriptionAnswer) => void;

  /** `report` gets refusals of a subscribe still awaited; `stale` every answer nobody took. */
  constructor(
    transport: SubscriptionTransport,
    logger: ErrorLogger,
    report: (error: ClientError) => void,
    stale: (answer: SubscriptionAnswer) => void,
  ) {
    this.transport = transport;
    this.logger = logger;
    this.report = report;
    this.stale = stale;
  }

  /**
   * Adds `handler` to the channel's subscription, creating and joining it for the first caller
   * (`options.since` only counts then); returns the function that removes it again.
   */
  subscribe<C extends ChannelName>(
    channel: C,
    handler: ChannelHandler<C>,
    options: SubscribeOptions,
  ): () => void {
    let subscription = this.subscriptions.get(channel);
    const first = subscription === undefined;
    if (subscription === undefined) {
      subscription = new Subscription(channel, this.transport, this.logger, options.since);
      this.subscriptions.set(channel, subscription);
    }
    // A subscription only gets its own channel's family, which is what makes this widening safe.
    const listener: SubscriptionListener = {
      handler: handler as EventHandler,
      onResync: options.onResync,
    };
    subscription.addListener(listener);
    if (first) {
      subscription.join();
    }
    const joined = subscription;
    return () => {
      if (joined.removeListener(listener) && this.subscriptions.get(channel) === joined) {
        this.subscriptions.delete(channel);
        joined.leave();
      }
    };
  }

  /** The subscription of `channel`, or `undefined` when nobody follows it. */
  get(channel: string): Subscription | undefined {
    return this.subscriptions.get(channel);
  }

  /** Every subscription, in subscription order. */
  list(): Subscription[] {
    return [...this.subscriptions.values()];
  }

  /** The connection became ready: every subscription asks the server to join its channel. */
  joinAll(): void {
    this.subscriptions.forEach((subscription) => subscription.join());
  }

  /** The connection dropped or closed: no channel is joined any more. */
  connectionLost(): void {
    this.subscriptions.forEach((subscription) => subscription.connectionLost());
  }

  /**
   * Hands the server's answer about a channel to its subscription, which takes it only when it
   * answers its own latest `subscribe` (or is the server ending it); reports a refusal it took.
   */
  answer(event: SubscriptionAnswer): void {
    const subscription = this.subscriptions.get(event.data.channel);
    if (isUnsubscribedEvent(event) && subscription === undefined && event.ref != null) {
      return; // the answer to the unsubscribe sent when the channel's last listener left
    }
    if (subscription === undefined || !this.took(subscription, event)) {
      this.stale(event);
    }
  }

  private took(subscription: Subscription, event: SubscriptionAnswer): boolean {
    switch (event.type) {
      case "subscription_success":
        return subscription.confirm(event.data, event.ref);
      case "subscription_error": {
        if (!subscription.refused(event.ref)) {
          return false;
        }
        const { channel, code, reason } = event.data;
        this.report({ kind: "subscription", channel, code, message: reason });
        return true;
      }
      case "unsubscribed":
        return subscription.ended(event.ref);
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  }

  /** Hands an event to its channel's subscription (none: nobody follows the channel any more). */
  deliver(event: Frame<ChannelEvent>): void {
    this.subscriptions.get(event.channel)?.deliver(event);
  }
}
