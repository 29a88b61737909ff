/** BoundedList keeps the last `max` items added, oldest first (the dev tools' frame lists). */
export class BoundedList<T> {
  private readonly items: T[] = [];
  private readonly max: number;

  constructor(max: number) {
    this.max = max;
  }

  add(item: T): void {
    this.items.push(item);
    if (this.items.length > this.max) {
      this.items.shift();
    }
  }

  /** A copy of the items, oldest first. */
  toArray(): T[] {
    return [...this.items];
  }
}
