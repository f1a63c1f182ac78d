// Parses blocks of archive lines into post batches, on worker threads and on the calling thread
// at once (parsing is nearly all of batch replay's work). Batches come out in input order
// whatever thread parsed them, and only a few blocks are ever in flight, so memory stays flat
// however large the input.
import {Worker} from 'node:worker_threads';
import {createBlockParser, type BlockParserSettings, type PostBatch} from './post-batch.js';
import type {BlockReply, BlockRequest} from './parse-worker.js';

// Blocks queued per worker: enough that a worker never runs dry while the calling thread is
// busy parsing a block of its own, few enough that memory is a handful of blocks.
const IN_FLIGHT_PER_WORKER = 4;
// Blocks with all workers together, so that the blocks held in flight stay a few megabytes
// however many cores the machine has (a block is what one read brings, 256 KiB); past four
// workers each gets a share, never under two (one being parsed, one waiting).
const MAX_IN_FLIGHT = 16;
const MIN_IN_FLIGHT_PER_WORKER = 2;
// Batches parsed here may run this far ahead of the oldest block still with a worker. They are
// compact (times and tags, not text), so a long lead costs little memory and keeps this thread
// parsing instead of waiting whenever a worker is slower (a busy machine, a block of long lines).
const MAX_QUEUED = 64;

// A worker holds one block's lines and parsed posts at a time: a small young generation keeps
// its garbage (and so the process's RSS) small at little cost in speed; the old generation
// only needs room for the largest line allowed (4 MiB of JSON parses into a few tens of MB).
const WORKER_HEAP_LIMITS = {maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 256};

type Pending = {resolve: (batch: PostBatch) => void; reject: (error: Error) => void};

/** Takes back a block once it is parsed and nothing reads it any more. */
export type RecycleBlock = (block: Uint8Array) => void;

class ParseWorker {
  readonly #worker: Worker;
  readonly #pending: Pending[] = [];
  #failure: Error | undefined;

  constructor(settings: BlockParserSettings, recycle: RecycleBlock) {
    this.#worker = new Worker(new URL('parse-worker.js', import.meta.url), {
      workerData: settings,
      resourceLimits: WORKER_HEAP_LIMITS,
    });
    this.#worker.on('message', ({batch, block}: BlockReply) => {
      recycle(block);
      this.#pending.shift()?.resolve(batch);
    });
    this.#worker.on('error', (error) => this.#fail(error));
    this.#worker.on('exit', (code) => this.#fail(new Error(`parse worker exited with ${code}`)));
  }

  /** Blocks sent and not yet answered. */
  get queued(): number {
    return this.#pending.length;
  }

  parse(block: Uint8Array, seq: number): Promise<PostBatch> {
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => {
      this.#pending.push({resolve, reject});
      const request: BlockRequest = {seq, block};
      this.#worker.postMessage(request, [block.buffer as ArrayBuffer]);
    });
  }

  async stop(): Promise<void> {
    this.#worker.removeAllListeners('exit');
    await this.#worker.terminate();
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    for (const pending of this.#pending.splice(0)) pending.reject(this.#failure);
  }
}

/** A block's place in line: parsed already, or still with a worker. */
type Slot = {batch?: PostBatch; pending?: Promise<PostBatch>};

async function take(slot: Slot): Promise<PostBatch> {
  return slot.batch ?? (await slot.pending!);
}

/**
 * Post batches for `blocks`, in input order. Blocks go to a worker with room in its queue;
 * when every worker is busy the calling thread parses the block itself, so with N workers
 * N + 1 threads parse and the split balances itself whatever the cost of the other work.
 * `workers` 0 parses everything on the calling thread (also where worker threads cannot load
 * the compiled parser, such as tests running the TypeScript). Each block is handed to
 * `recycle` once parsed (the batch holds no reference to its bytes).
 */
export async function* parseBlocks(
  blocks: AsyncIterable<Uint8Array>,
  settings: BlockParserSettings,
  workers: number,
  recycle: RecycleBlock = () => {},
): AsyncGenerator<PostBatch> {
  const parse = createBlockParser(settings);
  const parseHere = (block: Uint8Array, seq: number) => {
    const batch = parse(block, seq);
    recycle(block);
    return batch;
  };
  const pool = Array.from({length: Math.max(0, workers)}, () => new ParseWorker(settings, recycle));
  const perWorker = inFlightPerWorker(pool.length);
  const queue: Slot[] = [];
  try {
    let seq = 0;
    for await (const block of blocks) {
      const worker = pool.find((candidate) => candidate.queued < perWorker);
      if (worker === undefined) {
        queue.push({batch: parseHere(block, seq++)});
      } else {
        const pending = worker.parse(block, seq++);
        const slot: Slot = {pending};
        // A failure surfaces when this batch's turn comes, not as an unhandled rejection.
        pending.then((batch) => (slot.batch = batch)).catch(() => {});
        queue.push(slot);
      }
      while (queue[0]?.batch !== undefined) yield queue.shift()!.batch!;
      while (queue.length >= MAX_QUEUED) yield await take(queue.shift()!);
    }
    while (queue.length > 0) yield await take(queue.shift()!);
  } finally {
    await Promise.all(pool.map((worker) => worker.stop()));
  }
}

/** Blocks each of `workers` may hold at once (see MAX_IN_FLIGHT). */
export function inFlightPerWorker(workers: number): number {
  if (workers <= 0) return 0;
  const share = Math.floor(MAX_IN_FLIGHT / workers);
  return Math.max(MIN_IN_FLIGHT_PER_WORKER, Math.min(IN_FLIGHT_PER_WORKER, share));
}
