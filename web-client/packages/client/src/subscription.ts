/**
 * Subscription is everything the client knows about one followed channel, in one object (as
 * centrifuge-js's `Subscription` is): the handlers its events go to, the stream position the
 * client has applied (the epoch from `subscription_success`, the offset of the last event), whether
 * the last `subscribe` asked to recover from that position, and whether the server has the channel
 * joined on this connection. A reconnect resubscribes `since` that position, a replay never
 * applies an event twice, and a handler that throws never keeps an event from the others.
 *
 * It takes only the answer to its own latest `subscribe`, by the `ref` the server echoes: when a
 * channel is left and followed again before the server answered, the answers to the earlier
 * `subscribe` and to the `unsubscribe` still arrive (the server handles commands in order), and
 * must neither confirm the new subscription nor end it.
 *
 * The {@link WebSocketClient} creates one per channel on the first `subscribe()` and forgets it
 * after the last unsubscribe; `client.getSubscription(channel)` hands it back. The methods marked
 * "called by the client" are how the connection drives it; an application reads `state`,
 * `position` and `listenerCount`.
 */
import {
  type ChannelEvent,
  type ChannelName,
  Channels,
  type Frame,
  GlobalCommandTypes,
  type GlobalEvent,
  type ProjectEvent,
  type SessionEvent,
  type ShellEvent,
  type StreamPosition,
  type SubscribeCommand,
  type SubscribeData,
  type SubscriptionSuccessData,
  type UnsubscribeCommand,
} from "@switchboard/contract";
import type { SubscribeOptions } from "./webSocketClientOptions.js";

/** A handler for the events of one channel; `E` is the channel's family, e.g. `SessionEvent`. */
export type EventHandler<E extends ChannelEvent = ChannelEvent> = (event: Frame<E>) => void;

/**
 * The events a channel carries, from its name's type: `session:<id>` → `SessionEvent`, and so on;
 * a name only known as `string` gets every event.
 */
export type EventsOf<C extends string> = C extends `session:${string}`
  ? SessionEvent
  : C extends `project:${string}`
    ? ProjectEvent
    : C extends `shell:${string}`
      ? ShellEvent
      : C extends "global"
        ? GlobalEvent
        : ChannelEvent;

/** A handler typed by its channel's name: `(event: Frame<SessionEvent>) => void` for a session. */
export type ChannelHandler<C extends ChannelName> = EventHandler<EventsOf<C>>;

/** One caller of `subscribe()`: its handler and its `onResync` (see {@link SubscribeOptions}). */
export interface SubscriptionListener extends Pick<SubscribeOptions, "onResync"> {
  readonly handler: EventHandler;
}

/** Where a subscription reports a handler that threw. */
export interface ErrorLogger {
  error(message: string, ...details: unknown[]): void;
}

/** What a subscription needs of its connection: to send its `subscribe` and `unsubscribe`. */
export interface SubscriptionTransport {
  /** Whether commands go out now: open, with a contract this client speaks. */
  isReady(): boolean;
  /** Sends the command with a fresh `ref`, which the server echoes on its answer; returns it. */
  send(command: SubscribeCommand | UnsubscribeCommand): string;
}

/** Whether the server has the channel joined for this connection. */
export const SubscriptionStates = {
  /** Not joined: before the connection is ready, after it dropped, or after a refusal. */
  UNSUBSCRIBED: "unsubscribed",
  /** `subscribe` sent; waiting for `subscription_success` or `subscription_error`. */
  SUBSCRIBING: "subscribing",
  /** Joined: events arrive. */
  SUBSCRIBED: "subscribed",
} as const;

export type SubscriptionState = (typeof SubscriptionStates)[keyof typeof SubscriptionStates];

export class Subscription<C extends ChannelName = ChannelName> {
  readonly channel: C;
  private current: SubscriptionState = SubscriptionStates.UNSUBSCRIBED;
  private readonly listeners = new Set<SubscriptionListener>();
  private readonly transport: SubscriptionTransport;
  private readonly logger: ErrorLogger;
  /** `global` carries every connection's own events: joined with the connection, never sent. */
  private readonly implicit: boolean;
  private epoch: string | null;
  private offset: number | null;
  /** Whether the last `subscribe` sent `since`, i.e. whether `recovered: false` means a gap. */
  private recovering = false;
  /** The `ref` of the `subscribe` awaiting its answer; `null` when none is. */
  private awaitedRef: string | null = null;

  constructor(
    channel: C,
    transport: SubscriptionTransport,
    logger: ErrorLogger,
    since?: StreamPosition,
  ) {
    this.channel = channel;
    this.transport = transport;
    this.logger = logger;
    this.implicit = channel === Channels.global();
    this.epoch = since?.epoch ?? null;
    this.offset = since?.offset ?? null;
  }

  get state(): SubscriptionState {
    return this.current;
  }
  isSubscribed = (): boolean => this.current === SubscriptionStates.SUBSCRIBED;
  isSubscribing = (): boolean => this.current === SubscriptionStates.SUBSCRIBING;

  /** The last applied position, or `null` before the first `subscription_success` or `since`. */
  get position(): StreamPosition | null {
    return this.epoch === null || this.offset === null
      ? null
      : { epoch: this.epoch, offset: this.offset };
  }

  /** How many `subscribe()` callers follow the channel. */
  get listenerCount(): number {
    return this.listeners.size;
  }

  /** Called by the client: adds a caller of `subscribe()`. */
  addListener(listener: SubscriptionListener): void {
    this.listeners.add(listener);
  }

  /** Called by the client: removes a caller; true when it was the last one. */
  removeListener(listener: SubscriptionListener): boolean {
    return this.listeners.delete(listener) && this.listeners.size === 0;
  }

  /**
   * Called by the client: asks the server to join the channel when the connection is ready,
   * `since` the last applied position once there is one.
   */
  join(): void {
    if (!this.transport.isReady()) {
      return;
    }
    if (this.implicit) {
      return this.setState(SubscriptionStates.SUBSCRIBED);
    }
    const since = this.position;
    this.recovering = since !== null;
    this.setState(SubscriptionStates.SUBSCRIBING);
    const data: SubscribeData =
      since === null ? { channel: this.channel } : { channel: this.channel, since };
    this.awaitedRef = this.transport.send({
      channel: Channels.global(),
      type: GlobalCommandTypes.SUBSCRIBE,
      data,
    });
  }

  /** Called by the client after the last listener left: tells the server, if it knows us. */
  leave(): void {
    const joined = this.current !== SubscriptionStates.UNSUBSCRIBED;
    this.awaitedRef = null;
    this.setState(SubscriptionStates.UNSUBSCRIBED);
    if (joined && !this.implicit && this.transport.isReady()) {
      this.transport.send({
        channel: Channels.global(),
        type: GlobalCommandTypes.UNSUBSCRIBE,
        data: { channel: this.channel },
      });
    }
  }

  /**
   * Called by the client on `subscription_success` with its `ref`: when it answers the awaited
   * `subscribe`, adopts the position it announces and returns true; else (an answer to an earlier
   * subscription of the channel) changes nothing and returns false. When the client asked to
   * recover and the server could not, every listener's `onResync` is called.
   *
   * The announced offset is where live delivery starts, *after* the replay that follows this
   * frame: a recovered subscription therefore keeps the offset the client has applied, and the
   * replayed events advance it one by one. Adopting the announced offset there would drop the
   * whole replay as "already applied".
   */
  confirm(success: SubscriptionSuccessData, ref: string | null | undefined): boolean {
    if (!this.awaits(ref)) {
      return false;
    }
    const sameStream = success.recovered && this.epoch === success.epoch;
    const resync = this.recovering && !sameStream;
    this.recovering = false;
    this.setState(SubscriptionStates.SUBSCRIBED);
    this.epoch = success.epoch;
    if (!sameStream) {
      this.offset = success.offset;
    }
    if (resync) {
      const position = { epoch: success.epoch, offset: success.offset };
      this.notify("in onResync", (listener) => listener.onResync?.(position));
    }
    return true;
  }

  /**
   * Called by the client on `subscription_error` with its `ref`: when it answers the awaited
   * `subscribe`, the server refused (listeners stay) and it returns true; else false, unchanged.
   */
  refused(ref: string | null | undefined): boolean {
    if (!this.awaits(ref)) {
      return false;
    }
    this.recovering = false;
    this.setState(SubscriptionStates.UNSUBSCRIBED);
    return true;
  }

  /**
   * Called by the client on `unsubscribed` with its `ref`. Without one, and joined, the server
   * ended the channel (its stream was reset): subscribe again from the last position (the server
   * answers `recovered: false` and `onResync` runs) and return true. A subscription never has an
   * `unsubscribe` of its own in flight (the client forgets it when it leaves), so a `ref` marks
   * the answer to an earlier subscription's `unsubscribe`; that, and a reset while subscribing
   * (of the server's earlier subscription, which the awaited `subscribe` replaces), change
   * nothing and return false.
   */
  ended(ref: string | null | undefined): boolean {
    if (ref != null || !this.isSubscribed()) {
      return false;
    }
    this.setState(SubscriptionStates.UNSUBSCRIBED);
    this.join();
    return true;
  }

  /** Called by the client when the connection drops or closes: nothing is joined any more. */
  connectionLost(): void {
    this.recovering = false;
    this.awaitedRef = null;
    this.setState(SubscriptionStates.UNSUBSCRIBED);
  }

  /**
   * Called by the client with every event of the channel: drops an offset already applied in the
   * current epoch (a replay overlapping what the client had), else records it and calls every
   * handler. A handler that throws is logged and the others still run.
   */
  deliver(event: Frame<ChannelEvent>): void {
    const offset = event.offset;
    if (offset != null) {
      if (this.offset !== null && offset <= this.offset) {
        return;
      }
      this.offset = offset;
    }
    this.notify(`on a "${event.type}" event`, (listener) => listener.handler(event));
  }

  /** Whether `ref` answers the awaited `subscribe`; if so, nothing is awaited any more. */
  private awaits(ref: string | null | undefined): boolean {
    if (ref == null || ref !== this.awaitedRef) {
      return false;
    }
    this.awaitedRef = null;
    return true;
  }

  private setState(state: SubscriptionState): void {
    this.current = state;
  }

  /** Calls `call` for every listener, on a copy (a handler may unsubscribe), each isolated. */
  private notify(what: string, call: (listener: SubscriptionListener) => void): void {
    for (const listener of [...this.listeners]) {
      try {
        call(listener);
      } catch (error) {
        this.logger.error(
          `WebSocket: a handler of "${this.channel}" threw ${what}; ` +
            `the other handlers still ran. Fix the handler; the error follows.`,
          error,
        );
      }
    }
  }
}
