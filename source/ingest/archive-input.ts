// Opens a replay archive for batch reading: a file, a gzip-compressed file or stdin (`-`), as
// a stream of byte chunks. Compression is recognised by its magic bytes, so a `.gz` file, a
// gzip file without the suffix and gzip piped into stdin all work.
import {open, type FileHandle, type FileReadResult} from 'node:fs/promises';
import {createGunzip} from 'node:zlib';
import type {Readable} from 'node:stream';

export type ArchiveInput = {
  /** What to call the input in messages. */
  name: string;
  chunks: AsyncIterable<Uint8Array>;
  /** Releases the file or stream early (after an output error); safe to call twice. */
  close(): void;
  /** Bytes read from the file or stream so far, before any gunzip (for progress). */
  bytesRead(): number;
  /** The file's size; absent for stdin. */
  totalBytes?: number;
};

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;
// Also the size of the blocks handed to parse workers: big enough that messaging costs nothing,
// small enough that the few blocks in flight stay a few MB.
const READ_CHUNK_BYTES = 256 * 1024;
// Reads of an uncompressed file under way ahead of the reader (see fromFile).
const READS_AHEAD = 3;

export type ArchiveReading = {
  /**
   * The reader is done with each chunk before it asks for the next (it copies what it keeps),
   * so an uncompressed file may be read into the same memory over and over. Fresh memory for
   * every read of a 1 GB file cost about 0.5 s of CPU in page faults and unmapping, as much as
   * all the reads themselves.
   */
  copiesChunks?: boolean;
};

/** Opens `path`; a clear one-line reason instead of an input when it cannot be read. */
export async function openArchive(
  path: string,
  stdin: Readable = process.stdin,
  reading: ArchiveReading = {},
): Promise<ArchiveInput | {error: string}> {
  if (path === '-') return checkedText(fromStream('stdin', stdin));
  let handle: FileHandle;
  let size: number;
  try {
    handle = await open(path, 'r');
    const stats = await handle.stat();
    size = stats.size;
    if (stats.isDirectory()) {
      await handle.close();
      return {error: `cannot read replay file ${path}: it is a directory`};
    }
  } catch (error) {
    return {error: `cannot read replay file ${path}: ${describe(error)}`};
  }
  let input: ArchiveInput;
  try {
    input =
      reading.copiesChunks === true && !(await isGzip(handle))
        ? fromFile(path, handle)
        : fromStream(path, handle.createReadStream({highWaterMark: READ_CHUNK_BYTES}));
  } catch (error) {
    await handle.close();
    return {error: `cannot read replay file ${path}: ${describe(error)}`};
  }
  // A regular file has a size to measure progress against (a FIFO's is 0).
  return checkedText(size > 0 ? {...input, totalBytes: size} : input);
}

/**
 * Reads the first block (after gunzip) and refuses an input that is not text: a NUL byte or
 * bytes that are not UTF-8 there mean a binary file (`--replay /bin/ls`), which would otherwise
 * become hundreds of garbage "posts". Later blocks are not checked: a bad line further on is
 * counted as malformed like any other.
 */
async function checkedText(input: ArchiveInput): Promise<ArchiveInput | {error: string}> {
  const iterator = input.chunks[Symbol.asyncIterator]();
  let first: IteratorResult<Uint8Array>;
  try {
    first = await iterator.next();
  } catch (error) {
    input.close();
    return {error: `cannot read replay file ${input.name}: ${describe(error)}`};
  }
  if (!first.done && !looksLikeText(first.value)) {
    input.close();
    return {
      error:
        `${input.name} is not text (binary data in its first block); trendtui reads JSON ` +
        'lines or plain text, one post per line',
    };
  }
  async function* chunks(): AsyncGenerator<Uint8Array> {
    if (first.done) return;
    yield first.value;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      yield next.value;
    }
  }
  return {...input, chunks: chunks()};
}

function looksLikeText(block: Uint8Array): boolean {
  if (block.includes(0)) return false;
  try {
    // `stream` leaves a character cut at the block's end for the next block, not an error.
    new TextDecoder('utf-8', {fatal: true}).decode(block, {stream: true});
    return true;
  } catch {
    return false;
  }
}

function fromStream(name: string, stream: Readable): ArchiveInput {
  return {
    name,
    chunks: maybeGunzip(stream),
    bytesRead: () => (stream as Readable & {bytesRead?: number}).bytesRead ?? 0,
    close: () => stream.destroy(),
  };
}

async function isGzip(handle: FileHandle): Promise<boolean> {
  const head = new Uint8Array(2);
  const {bytesRead} = await handle.read(head, 0, 2, 0);
  return bytesRead === 2 && head[0] === GZIP_MAGIC_0 && head[1] === GZIP_MAGIC_1;
}

/**
 * An uncompressed file read in chunks into a ring of buffers, a few reads under way ahead of
 * the reader: a read is done on the thread pool, and when every core is busy (as batch replay
 * keeps them) a single read ahead often had not been done when the reader asked for it. A
 * buffer is read into again only once the reader has asked for the chunk after it.
 */
function fromFile(name: string, handle: FileHandle): ArchiveInput {
  let position = 0;
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    // FileHandle.close waits for the reads still under way.
    handle.close().catch(() => {});
  };
  async function* chunks(): AsyncGenerator<Uint8Array> {
    const buffers = Array.from({length: READS_AHEAD + 1}, () => new Uint8Array(READ_CHUNK_BYTES));
    const reads: Promise<FileReadResult<Uint8Array>>[] = [];
    let nextBuffer = 0;
    let readFrom = 0;
    const readAhead = () => {
      const buffer = buffers[nextBuffer]!;
      nextBuffer = (nextBuffer + 1) % buffers.length;
      const read = handle.read(buffer, 0, buffer.length, readFrom);
      // A read still under way when the reader stops early is not an unhandled rejection.
      read.catch(() => {});
      readFrom += buffer.length;
      reads.push(read);
    };
    try {
      for (;;) {
        while (reads.length < READS_AHEAD) readAhead();
        const {bytesRead, buffer} = await reads.shift()!;
        if (bytesRead === 0) return;
        position += bytesRead;
        if (bytesRead < buffer.length) {
          // The file ended here, or the system read less than asked: the reads after this one
          // began at the wrong place. They are let finish, then read again from here.
          await Promise.allSettled(reads.splice(0));
          readFrom = position;
        }
        yield buffer.subarray(0, bytesRead);
      }
    } finally {
      close();
    }
  }
  return {name, chunks: chunks(), bytesRead: () => position, close};
}

// Peeks at the first chunk; if it starts a gzip member, the whole input goes through gunzip.
async function* maybeGunzip(stream: Readable): AsyncGenerator<Uint8Array> {
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let first = await iterator.next();
  // A one-byte first chunk cannot show both magic bytes; stdin may deliver that.
  while (!first.done && first.value.length < 2) {
    const next = await iterator.next();
    if (next.done) break;
    first = {done: false, value: Buffer.concat([first.value, next.value])};
  }
  if (first.done) return;
  const head = first.value;
  if (head[0] !== GZIP_MAGIC_0 || head[1] !== GZIP_MAGIC_1) {
    yield head;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      yield next.value;
    }
    return;
  }
  const gunzip = createGunzip({chunkSize: READ_CHUNK_BYTES});
  const feed = (async () => {
    try {
      let chunk: IteratorResult<Buffer> = first;
      while (!chunk.done) {
        if (!gunzip.write(chunk.value)) {
          await new Promise<void>((resolve) => gunzip.once('drain', resolve));
        }
        chunk = await iterator.next();
      }
      gunzip.end();
    } catch (error) {
      gunzip.destroy(error as Error);
    }
  })();
  try {
    for await (const chunk of gunzip) yield chunk as Buffer;
  } finally {
    stream.destroy();
    await feed;
  }
}

/** `ENOENT`-style errors as words a user understands. */
export function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    case 'Z_DATA_ERROR':
    case 'Z_BUF_ERROR':
      return 'the gzip data is corrupt or cut short';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
