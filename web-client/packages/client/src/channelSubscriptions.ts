/**
 * ChannelSubscriptions remembers, per subscribed channel, who listens and the stream position
 * the client has applied (the epoch from `subscription_success`, the offset of the last event),
 * so that a reconnect resubscribes `since` that position and a replay never applies an event
 * twice.
 */
import type { StreamPosition, SubscribeData, SubscriptionSuccessData } from "@switchboard/contract";

/** One caller of `subscribe()`; the same channel may have many. */
export interface ChannelSubscriber {
  /**
   * Called when the server could not replay what the client missed (`recovered: false`): reload
   * the channel's state over REST. `position` is where the live stream now resumes.
   */
  onResync?: (position: StreamPosition) => void;
}

interface TrackedChannel {
  readonly subscribers: Set<ChannelSubscriber>;
  epoch: string | null;
  offset: number | null;
  /** Whether the last subscribe sent `since`, i.e. whether `recovered: false` means a gap. */
  askedToRecover: boolean;
}

export class ChannelSubscriptions {
  private readonly channels = new Map<string, TrackedChannel>();

  /** Adds a subscriber; true when it is the channel's first (so a `subscribe` must be sent). */
  add(channel: string, subscriber: ChannelSubscriber, since?: StreamPosition): boolean {
    const tracked = this.channels.get(channel);
    if (tracked !== undefined) {
      tracked.subscribers.add(subscriber);
      return false;
    }
    this.channels.set(channel, {
      subscribers: new Set([subscriber]),
      epoch: since?.epoch ?? null,
      offset: since?.offset ?? null,
      askedToRecover: false,
    });
    return true;
  }

  /** Removes a subscriber; true when it was the channel's last (so an `unsubscribe` is due). */
  remove(channel: string, subscriber: ChannelSubscriber): boolean {
    const tracked = this.channels.get(channel);
    if (tracked === undefined || !tracked.subscribers.delete(subscriber)) {
      return false;
    }
    if (tracked.subscribers.size > 0) {
      return false;
    }
    this.channels.delete(channel);
    return true;
  }

  /** Every subscribed channel, in subscription order. */
  list(): string[] {
    return [...this.channels.keys()];
  }

  /** The last applied position of `channel`, or `null` before its first `subscription_success`. */
  position(channel: string): StreamPosition | null {
    const tracked = this.channels.get(channel);
    if (tracked?.epoch == null || tracked.offset === null) {
      return null;
    }
    return { epoch: tracked.epoch, offset: tracked.offset };
  }

  /** The `subscribe` payload for `channel`: with `since` once the client knows a position. */
  subscribeData(channel: string): SubscribeData {
    const since = this.position(channel);
    const tracked = this.channels.get(channel);
    if (tracked !== undefined) {
      tracked.askedToRecover = since !== null;
    }
    return since === null ? { channel } : { channel, since };
  }

  /**
   * Adopts the position a `subscription_success` announces. When the client asked to recover
   * and the server could not, every subscriber's `onResync` is called.
   *
   * The announced offset is where live delivery starts, *after* the replay that follows this
   * frame: a recovered subscription therefore keeps the offset the client has applied, and the
   * replayed events advance it one by one. Adopting the announced offset there would drop the
   * whole replay as "already applied".
   */
  confirm(success: SubscriptionSuccessData): void {
    const tracked = this.channels.get(success.channel);
    if (tracked === undefined) {
      return;
    }
    const sameStream = success.recovered && tracked.epoch === success.epoch;
    const resync = tracked.askedToRecover && !sameStream;
    tracked.askedToRecover = false;
    tracked.epoch = success.epoch;
    if (!sameStream) {
      tracked.offset = success.offset;
    }
    if (resync) {
      const position = { epoch: success.epoch, offset: success.offset };
      for (const subscriber of [...tracked.subscribers]) {
        subscriber.onResync?.(position);
      }
    }
  }

  /**
   * Whether to apply an event at `offset` on `channel`, recording it if so: false for an offset
   * already applied in the current epoch (a replay overlapping what the client had).
   */
  accept(channel: string, offset: number | null | undefined): boolean {
    const tracked = this.channels.get(channel);
    if (tracked === undefined || offset == null) {
      return true;
    }
    if (tracked.offset !== null && offset <= tracked.offset) {
      return false;
    }
    tracked.offset = offset;
    return true;
  }
}
