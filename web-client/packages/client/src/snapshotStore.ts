/**
 * SnapshotStore holds an immutable object for `useSyncExternalStore`: `set` replaces it only when
 * a field changed (shallow comparison), so React re-renders only then.
 */
export class SnapshotStore<T extends object> {
  private current: T;
  private readonly listeners = new Set<() => void>();

  constructor(initial: T) {
    this.current = Object.freeze({ ...initial });
  }

  get = (): T => this.current;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Replaces the snapshot and notifies listeners, unless every field is unchanged. */
  set(next: T): void {
    const keys = Object.keys(next) as (keyof T)[];
    if (keys.every((key) => Object.is(next[key], this.current[key]))) {
      return;
    }
    this.current = Object.freeze({ ...next });
    for (const listener of [...this.listeners]) {
      listener();
    }
  }
}
