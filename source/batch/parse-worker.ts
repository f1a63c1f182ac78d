// Worker thread entry for batch replay: parses the blocks of lines the main thread sends and
// returns each block's compact post batch, in the order the blocks came, with the block itself
// (moved, not copied) so the main thread can cut a later block into its memory.
import {parentPort, workerData, type MessagePort} from 'node:worker_threads';
import {createBlockParser, type BlockParserSettings, type PostBatch} from './post-batch.js';

/** What a parse worker starts with: how to parse, and the port its batches go back on. */
export type ParseWorkerData = {settings: BlockParserSettings; replies: MessagePort};
export type BlockRequest = {seq: number; block: Uint8Array};
export type BlockReply = {batch: PostBatch; block: Uint8Array};

const port = parentPort;
if (port === null) throw new Error('parse-worker.js runs only as a worker thread');
const {settings, replies} = workerData as ParseWorkerData;
const parse = createBlockParser(settings);
port.on('message', ({seq, block}: BlockRequest) => {
  const batch = parse(block, seq);
  const reply: BlockReply = {batch, block};
  replies.postMessage(reply, [
    batch.times.buffer as ArrayBuffer,
    batch.tagCounts.buffer as ArrayBuffer,
    block.buffer as ArrayBuffer,
  ]);
});
