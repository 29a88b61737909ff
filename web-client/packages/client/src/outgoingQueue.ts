/**
 * OutgoingQueue holds the frames a client sends while its socket is not open, up to a limit;
 * when full it drops the oldest frame and says so, because a stale command is worth less than a
 * new one and an unbounded queue would grow for as long as the network is down.
 */
import { CLIENT_QUEUE_MAX_MESSAGES, type ClientCommand, type Frame } from "@switchboard/contract";

/** Where the queue reports a dropped frame. */
export interface WarningLogger {
  warn(message: string, ...details: unknown[]): void;
}

export class OutgoingQueue {
  private frames: Frame<ClientCommand>[] = [];
  private readonly maxMessages: number;
  private readonly logger: WarningLogger;

  constructor(maxMessages: number = CLIENT_QUEUE_MAX_MESSAGES, logger: WarningLogger = console) {
    this.maxMessages = maxMessages;
    this.logger = logger;
  }

  get size(): number {
    return this.frames.length;
  }

  /** Adds `frame`, dropping (and warning about) the oldest one when the queue is full. */
  push(frame: Frame<ClientCommand>): void {
    this.frames.push(frame);
    if (this.frames.length > this.maxMessages) {
      const dropped = this.frames.shift();
      this.logger.warn(
        `WebSocket: the outgoing queue is full (${this.maxMessages} messages while disconnected); ` +
          `dropped the oldest, "${dropped?.type}" on "${dropped?.channel}".`,
      );
    }
  }

  /** Removes and returns every queued frame, oldest first. */
  drain(): Frame<ClientCommand>[] {
    const drained = this.frames;
    this.frames = [];
    return drained;
  }
}
