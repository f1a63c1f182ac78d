// One client's backlog on the ingest server: encoded lines waiting for its socket. Bounded by
// post count and bytes; when full, the oldest posts go first and are counted, so a client that
// stops reading costs a fixed amount of memory and learns what it lost.

/** `at`: `performance.now()` when queued, for posts (how long the oldest has waited). */
type Item = {line: Buffer; seq: number; at?: number};

/** A FIFO of lines with O(1) push and shift (an array with a moving head). */
class LineFifo {
  private items: Item[] = [];
  private head = 0;
  bytes = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: Item): void {
    this.items.push(item);
    this.bytes += item.line.length;
  }

  peek(): Item | undefined {
    return this.items[this.head];
  }

  shift(): Item | undefined {
    const item = this.items[this.head];
    if (item === undefined) return undefined;
    this.items[this.head] = undefined as unknown as Item;
    this.head++;
    this.bytes -= item.line.length;
    // Compact once the dead prefix dominates, so the array never holds more than twice the
    // live items.
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}

export type ClientQueueLimits = {
  /** Most posts held for one client. */
  maxPosts: number;
  /** Most bytes of posts held for one client. */
  maxBytes: number;
  /** Most status lines held; a stuck client only needs the recent ones. */
  maxStatuses?: number;
};

export class ClientQueue {
  // Posts and statuses queue separately so eviction can drop posts without scanning past
  // statuses; a shared sequence number restores their order on the way out.
  private readonly posts = new LineFifo();
  private readonly statuses = new LineFifo();
  private seq = 0;
  /** Posts dropped and not yet reported to the client. */
  unreportedDrops = 0;
  /** Posts dropped over the client's whole connection. */
  totalDrops = 0;

  constructor(private readonly limits: ClientQueueLimits) {}

  get length(): number {
    return this.posts.length + this.statuses.length;
  }

  get bytes(): number {
    return this.posts.bytes + this.statuses.bytes;
  }

  /** How long the oldest queued post has waited, in ms (0 when none waits). */
  oldestPostWaitMs(now = performance.now()): number {
    const oldest = this.posts.peek();
    return oldest?.at === undefined ? 0 : now - oldest.at;
  }

  get postCount(): number {
    return this.posts.length;
  }

  pushPost(line: Buffer): void {
    this.posts.push({line, seq: this.seq++, at: performance.now()});
    while (
      this.posts.length > 0 &&
      (this.posts.length > this.limits.maxPosts || this.posts.bytes > this.limits.maxBytes)
    ) {
      this.posts.shift();
      this.unreportedDrops++;
      this.totalDrops++;
    }
  }

  pushStatus(line: Buffer): void {
    this.statuses.push({line, seq: this.seq++});
    while (this.statuses.length > (this.limits.maxStatuses ?? 16)) this.statuses.shift();
  }

  /** The oldest line, posts and statuses in the order they were pushed. */
  shift(): Buffer | undefined {
    const post = this.posts.peek();
    const status = this.statuses.peek();
    if (post === undefined && status === undefined) return undefined;
    const fromPosts = status === undefined || (post !== undefined && post.seq < status.seq);
    return (fromPosts ? this.posts.shift() : this.statuses.shift())?.line;
  }
}
