/**
 * WebSocketEventBus routes server events to the handlers subscribed to their channel. Handlers
 * are kept per channel (`Map<channel, Set<handler>>`) and each runs in its own try/catch, so one
 * broken handler never keeps an event from the others.
 */
import type {
  ChannelEvent,
  ChannelName,
  Frame,
  GlobalEvent,
  ProjectEvent,
  SessionEvent,
  ShellEvent,
} from "@switchboard/contract";

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

/** Where the bus reports a handler that threw. */
export interface ErrorLogger {
  error(message: string, ...details: unknown[]): void;
}

/** WebSocketEventBus is a channel-keyed, error-isolated publish/subscribe hub. */
export class WebSocketEventBus {
  private readonly handlers = new Map<string, Set<EventHandler>>();
  private readonly logger: ErrorLogger;

  constructor(logger: ErrorLogger = console) {
    this.logger = logger;
  }

  /**
   * Calls `handler` with every event emitted on `channel` until the returned function is called.
   * Example: `bus.on<SessionEvent>(Channels.session("42"), (event) => { switch (event.type) ... })`.
   */
  on<E extends ChannelEvent>(channel: string, handler: EventHandler<E>): () => void {
    let channelHandlers = this.handlers.get(channel);
    if (channelHandlers === undefined) {
      channelHandlers = new Set();
      this.handlers.set(channel, channelHandlers);
    }
    // The bus only emits a channel's family on that channel, which is what makes this widening safe.
    channelHandlers.add(handler as EventHandler);
    return () => this.off(channel, handler);
  }

  /** Stops calling `handler` for `channel`; forgets the channel once it has no handler left. */
  off<E extends ChannelEvent>(channel: string, handler: EventHandler<E>): void {
    const channelHandlers = this.handlers.get(channel);
    if (channelHandlers === undefined) {
      return;
    }
    channelHandlers.delete(handler as EventHandler);
    if (channelHandlers.size === 0) {
      this.handlers.delete(channel);
    }
  }

  /** Calls every handler of `channel` with `event`; a handler that throws is logged and skipped. */
  emit(channel: string, event: Frame<ChannelEvent>): void {
    const channelHandlers = this.handlers.get(channel);
    if (channelHandlers === undefined) {
      return;
    }
    // A copy, so handlers may unsubscribe (or subscribe) while the event is being delivered.
    for (const handler of [...channelHandlers]) {
      try {
        handler(event);
      } catch (error) {
        this.logger.error(
          `WebSocketEventBus: a handler of "${channel}" threw on a "${event.type}" event; ` +
            `the other handlers still ran. Fix the handler; the error follows.`,
          error,
        );
      }
    }
  }

  /** The channels that have at least one handler, in subscription order. */
  getActiveChannels(): string[] {
    return [...this.handlers.keys()];
  }

  /** How many handlers `channel` has. */
  handlerCount(channel: string): number {
    return this.handlers.get(channel)?.size ?? 0;
  }

  /** Removes every handler of every channel. */
  clear(): void {
    this.handlers.clear();
  }
}
