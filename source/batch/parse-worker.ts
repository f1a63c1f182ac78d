// Worker thread entry for batch replay: parses the blocks of lines the main thread sends and
// returns each block's compact post batch, in the order the blocks came.
import {parentPort, workerData} from 'node:worker_threads';
import {createBlockParser, type BlockParserSettings} from './post-batch.js';

export type BlockRequest = {seq: number; block: Uint8Array};

const port = parentPort;
if (port === null) throw new Error('parse-worker.js runs only as a worker thread');
const parse = createBlockParser(workerData as BlockParserSettings);
port.on('message', ({seq, block}: BlockRequest) => {
  const batch = parse(block, seq);
  port.postMessage(batch, [
    batch.times.buffer as ArrayBuffer,
    batch.tagCounts.buffer as ArrayBuffer,
  ]);
});
