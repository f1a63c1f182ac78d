// Parses blocks of archive lines into post batches, on worker threads and on the calling thread
// at once (parsing is nearly all of batch replay's work). Batches come out in input order
// whatever thread parsed them, and only a few blocks are ever in flight, so memory stays flat
// however large the input.
import {MessageChannel, receiveMessageOnPort, Worker, type MessagePort} from 'node:worker_threads';
import {createBlockParser, type BlockParserSettings, type PostBatch} from './post-batch.js';
import type {BlockReply, BlockRequest, ParseWorkerData} from './parse-worker.js';
import {packageFile} from '../package-files.js';

/** The worker's compiled module (the one-file build of the program leaves it a file of its own). */
const PARSE_WORKER = 'dist/batch/parse-worker.js';

// Blocks queued per worker: enough that a worker never runs dry while the calling thread is
// busy elsewhere (a block of its own to parse, a run of windows to write, a full collection:
// 20-40 ms, while a block takes a worker about 1.3 ms), few enough that memory is a few MB.
// On the 1M-post benchmark the worker sat idle 2.0-2.7 s with 16, 1.1-1.7 s with 32, at the
// same peak RSS (load average about 4.5).
const IN_FLIGHT_PER_WORKER = 32;
// Blocks with all workers together, so that the blocks held in flight stay a few megabytes
// however many cores the machine has (a block is what one read brings, 256 KiB); past one
// worker each gets a share, never under two (one being parsed, one waiting).
const MAX_IN_FLIGHT = 32;
const MIN_IN_FLIGHT_PER_WORKER = 2;
// Batches parsed here may run this far ahead of the oldest block still with a worker. They are
// compact (times and tags, not text), so a long lead costs little memory and keeps this thread
// parsing instead of waiting whenever a worker is slower (a busy machine, a block of long lines).
const MAX_QUEUED = 64;

// A worker holds one block's lines and parsed posts at a time: a small young generation keeps
// its garbage (and so the process's RSS) small at little cost in speed; the old generation
// only needs room for the largest line allowed (4 MiB of JSON parses into a few tens of MB).
const WORKER_HEAP_LIMITS = {maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 256};

/** Takes back a block once it is parsed and nothing reads it any more. */
export type RecycleBlock = (block: Uint8Array) => void;

/** A block's place in line: its batch once parsed, here or by a worker. */
class Slot {
  batch: PostBatch | undefined;
  #failure: Error | undefined;
  #wake: (() => void) | undefined;

  constructor(batch?: PostBatch) {
    this.batch = batch;
  }

  fill(batch: PostBatch): void {
    this.batch = batch;
    this.#wakeUp();
  }

  fail(error: Error): void {
    this.#failure = error;
    this.#wakeUp();
  }

  /** The batch, once it has come; a worker's failure is thrown here, in its block's turn. */
  async take(): Promise<PostBatch> {
    while (this.batch === undefined) {
      if (this.#failure !== undefined) throw this.#failure;
      await new Promise<void>((resolve) => (this.#wake = resolve));
    }
    return this.batch;
  }

  #wakeUp(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}

class ParseWorker {
  readonly #worker: Worker;
  /**
   * Where the worker's batches come back. A port of our own, rather than the worker's
   * messages, because a port can be read synchronously: the calling thread's loop often runs a
   * long while without a turn of the event loop (its reads are done before it asks), and a
   * worker whose replies waited for that turn looked busy and was left idle.
   */
  readonly #replies: MessagePort;
  readonly #recycle: RecycleBlock;
  readonly #pending: Slot[] = [];
  #failure: Error | undefined;

  constructor(settings: BlockParserSettings, recycle: RecycleBlock) {
    const {port1, port2} = new MessageChannel();
    const workerData: ParseWorkerData = {settings, replies: port2};
    this.#worker = new Worker(packageFile(PARSE_WORKER), {
      workerData,
      transferList: [port2],
      resourceLimits: WORKER_HEAP_LIMITS,
    });
    this.#replies = port1;
    this.#recycle = recycle;
    port1.on('message', (reply: BlockReply) => this.#receive(reply));
    this.#worker.on('error', (error) => this.#fail(error));
    this.#worker.on('exit', (code) => this.#fail(new Error(`parse worker exited with ${code}`)));
  }

  /** Takes in the batches that have come back; returns how many blocks are still out. */
  backlog(): number {
    for (let reply = receiveMessageOnPort(this.#replies); reply !== undefined;) {
      this.#receive(reply.message as BlockReply);
      reply = receiveMessageOnPort(this.#replies);
    }
    return this.#pending.length;
  }

  parse(block: Uint8Array, seq: number): Slot {
    const slot = new Slot();
    if (this.#failure) {
      slot.fail(this.#failure);
      return slot;
    }
    this.#pending.push(slot);
    const request: BlockRequest = {seq, block};
    this.#worker.postMessage(request, [block.buffer as ArrayBuffer]);
    return slot;
  }

  async stop(): Promise<void> {
    this.#worker.removeAllListeners('exit');
    this.#replies.close();
    await this.#worker.terminate();
  }

  #receive({batch, block}: BlockReply): void {
    this.#recycle(block);
    this.#pending.shift()?.fill(batch);
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    for (const pending of this.#pending.splice(0)) pending.fail(this.#failure);
  }
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
      let worker: ParseWorker | undefined;
      for (const candidate of pool) {
        if (candidate.backlog() < perWorker) worker ??= candidate;
      }
      queue.push(
        worker === undefined ? new Slot(parseHere(block, seq++)) : worker.parse(block, seq++),
      );
      while (queue[0]?.batch !== undefined) yield queue.shift()!.batch!;
      while (queue.length >= MAX_QUEUED) yield await queue.shift()!.take();
    }
    while (queue.length > 0) yield await queue.shift()!.take();
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
