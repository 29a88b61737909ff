/**
 * The connection's state machine. State changes in exactly one place, {@link ConnectionStateMachine.transition},
 * which tells every listener `{oldState, newState}`; everything else asks the predicates.
 */

/** The states of a connection, as shown to the user. */
export const ConnectionStates = {
  /** Opening the first socket, or after a manual reconnect. */
  CONNECTING: "connecting",
  /** The socket is open. */
  OPEN: "open",
  /** Lost; an automatic attempt is waiting or under way. */
  RECONNECTING: "reconnecting",
  /** Down until someone calls `reconnect()`: closed on purpose, terminally, or out of attempts. */
  DISCONNECTED: "disconnected",
} as const;

export type ConnectionState = (typeof ConnectionStates)[keyof typeof ConnectionStates];

/** What a state listener receives. */
export interface StateChange {
  readonly oldState: ConnectionState;
  readonly newState: ConnectionState;
}

/** ConnectionStateMachine holds the current state and announces every change. */
export class ConnectionStateMachine {
  private current: ConnectionState;
  private readonly listeners = new Set<(change: StateChange) => void>();

  constructor(initial: ConnectionState = ConnectionStates.DISCONNECTED) {
    this.current = initial;
  }

  get state(): ConnectionState {
    return this.current;
  }

  isConnecting(): boolean {
    return this.current === ConnectionStates.CONNECTING;
  }

  isOpen(): boolean {
    return this.current === ConnectionStates.OPEN;
  }

  isReconnecting(): boolean {
    return this.current === ConnectionStates.RECONNECTING;
  }

  isDisconnected(): boolean {
    return this.current === ConnectionStates.DISCONNECTED;
  }

  /** The one place the state changes; a transition to the current state is not announced. */
  transition(newState: ConnectionState): void {
    const oldState = this.current;
    if (oldState === newState) {
      return;
    }
    this.current = newState;
    for (const listener of [...this.listeners]) {
      listener({ oldState, newState });
    }
  }

  /** Calls `listener` on every change; returns the function that stops it. */
  onChange(listener: (change: StateChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
