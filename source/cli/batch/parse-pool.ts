// Parses blocks of archive lines into post batches, on worker threads when asked (parsing is
// nearly all of batch replay's work, and the main thread is left to read, count and write),
// else inline. Batches come out in input order whatever thread parsed them, and only a few
// blocks are ever in flight, so memory stays flat however large the input.
import {Worker} from 'node:worker_threads';
import {createBlockParser, type BlockParserSettings, type PostBatch} from './post-batch.js';
import type {BlockRequest} from './parse-worker.js';

// Blocks queued per worker: enough that a worker never waits for the main thread, few enough
// that memory is a handful of blocks (about 1 MiB each).
const IN_FLIGHT_PER_WORKER = 3;

// A worker holds one block's lines and parsed posts at a time: a small young generation keeps
// its garbage (and so the process's RSS) small at little cost in speed; the old generation
// only needs room for the largest line allowed (4 MiB of JSON parses into a few tens of MB).
const WORKER_HEAP_LIMITS = {maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 256};

type Pending = {resolve: (batch: PostBatch) => void; reject: (error: Error) => void};

class ParseWorker {
  readonly #worker: Worker;
  readonly #pending: Pending[] = [];
  #failure: Error | undefined;

  constructor(settings: BlockParserSettings) {
    this.#worker = new Worker(new URL('parse-worker.js', import.meta.url), {
      workerData: settings,
      resourceLimits: WORKER_HEAP_LIMITS,
    });
    this.#worker.on('message', (batch: PostBatch) => this.#pending.shift()?.resolve(batch));
    this.#worker.on('error', (error) => this.#fail(error));
    this.#worker.on('exit', (code) => this.#fail(new Error(`parse worker exited with ${code}`)));
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

/**
 * Post batches for `blocks`, in order. `workers` 0 parses on the calling thread (used where
 * worker threads cannot load the compiled parser, such as tests running the TypeScript).
 */
export async function* parseBlocks(
  blocks: AsyncIterable<Uint8Array>,
  settings: BlockParserSettings,
  workers: number,
): AsyncGenerator<PostBatch> {
  if (workers <= 0) {
    const parse = createBlockParser(settings);
    let seq = 0;
    for await (const block of blocks) {
      yield parse(block, seq++);
      // Let output drain and signals arrive between blocks.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return;
  }

  const pool = Array.from({length: workers}, () => new ParseWorker(settings));
  const inFlight: Promise<PostBatch>[] = [];
  try {
    let seq = 0;
    for await (const block of blocks) {
      const worker = pool[seq % pool.length]!;
      const result = worker.parse(block, seq++);
      // A failure surfaces when this batch's turn comes, not as an unhandled rejection.
      result.catch(() => {});
      inFlight.push(result);
      if (inFlight.length >= workers * IN_FLIGHT_PER_WORKER) yield await inFlight.shift()!;
    }
    while (inFlight.length > 0) yield await inFlight.shift()!;
  } finally {
    await Promise.all(pool.map((worker) => worker.stop()));
  }
}
