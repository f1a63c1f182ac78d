// Worker thread entry for batch replay: parses the blocks of lines the main thread sends and
// returns each block's compact post batch, in the order the blocks came, with the block itself
// (moved, not copied) so the main thread can cut a later block into its memory.
import {parentPort, workerData} from 'node:worker_threads';
import {createBlockParser, type BlockParserSettings, type PostBatch} from './post-batch.js';

export type BlockRequest = {seq: number; block: Uint8Array};
export type BlockReply = {batch: PostBatch; block: Uint8Array};

const port = parentPort;
if (port === null) throw new Error('parse-worker.js runs only as a worker thread');
const parse = createBlockParser(workerData as BlockParserSettings);
port.on('message', ({seq, block}: BlockRequest) => {
  const batch = parse(block, seq);
  const reply: BlockReply = {batch, block};
  port.postMessage(reply, [
    batch.times.buffer as ArrayBuffer,
    batch.tagCounts.buffer as ArrayBuffer,
    block.buffer as ArrayBuffer,
  ]);
});
