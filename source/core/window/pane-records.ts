// Something kept for each pane beside the pane store, by pane index: the stores that remember
// which posts a pane took (their terms, their ids) and forget it with the pane. Nearly every
// post goes to the pane the post before went to, so that pane's record is found without a
// lookup.

export class PaneRecords<T> {
  readonly #records = new Map<number, T>();
  #cachedIndex = Number.NaN;
  #cached: T | undefined;

  /** `create`: a new pane's empty record. */
  constructor(private readonly create: () => T) {}

  /** Pane `index`'s record, made on first use. */
  at(index: number): T {
    if (index === this.#cachedIndex) return this.#cached!;
    let record = this.#records.get(index);
    if (record === undefined) {
      record = this.create();
      this.#records.set(index, record);
    }
    this.#cachedIndex = index;
    this.#cached = record;
    return record;
  }

  /** Removes pane `index`'s record and returns it (undefined if it had none). */
  take(index: number): T | undefined {
    const record = this.#records.get(index);
    this.#records.delete(index);
    if (index === this.#cachedIndex) this.#forgetCached();
    return record;
  }

  /** Removes the records of panes before `index`. */
  dropBefore(index: number): void {
    for (const at of this.#records.keys()) if (at < index) this.#records.delete(at);
    if (this.#cachedIndex < index) this.#forgetCached();
  }

  /** Every record with its pane index, in no particular order. */
  entries(): IterableIterator<[number, T]> {
    return this.#records.entries();
  }

  #forgetCached(): void {
    this.#cachedIndex = Number.NaN;
    this.#cached = undefined;
  }
}
