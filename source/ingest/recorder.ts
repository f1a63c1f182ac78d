// `--record FILE`: every post a client receives, appended in the wire protocol's post form, so
// that `--replay FILE` later counts exactly what this session counted. An existing file is
// appended to, never truncated: sessions recorded one after another make one archive in time
// order, and a mistyped name costs nothing.
import {closeSync, createWriteStream, fstatSync, openSync, readSync, statSync} from 'node:fs';
import type {Stats, WriteStream} from 'node:fs';
import type {Post} from '../core/post.js';
import {encodePost} from '../core/protocol.js';
import {UserError} from '../core/user-error.js';
import type {PostStream} from './stream.js';

export type Recording = {
  /** Posts written so far. */
  readonly posts: number;
  /** Writes one post (what `attach` does for every post a stream delivers). */
  write(post: Post): void;
  /** Records every post `stream` delivers from now on; returns the function that stops it. */
  attach(stream: PostStream): () => void;
  /** Stops listening, flushes what is buffered and closes the file. */
  close(): Promise<void>;
};

export type RecordOptions = {
  /** Called once if writing fails after the file was opened (disk full, say); recording stops. */
  onError?: (message: string) => void;
  /**
   * The input being replayed (`-` for stdin), if any: recording into the very file being read
   * would feed the replay its own posts without end.
   */
  input?: string;
};

/** Why the file could not be opened, as one line for the user: a bad `--record` argument. */
export class RecordFileError extends UserError {}

function opened(file: WriteStream, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      file.off('open', onOpen);
      reject(
        new RecordFileError(
          `cannot write record file ${JSON.stringify(path)}: ${error.code ?? error.message}`,
        ),
      );
    };
    const onOpen = () => {
      file.off('error', onError);
      resolve();
    };
    file.once('error', onError);
    file.once('open', onOpen);
  });
}

/** The file's identity, or undefined if it does not exist (or cannot be looked at). */
function identity(path: string): Stats | undefined {
  try {
    return path === '-' ? fstatSync(0) : statSync(path);
  } catch {
    return undefined;
  }
}

/** True when `path` holds bytes and the last is not a newline (a cut last line). */
function endsMidLine(path: string, stats: Stats): boolean {
  if (!stats.isFile() || stats.size === 0) return false;
  const fd = openSync(path, 'r');
  try {
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, stats.size - 1);
    return last[0] !== 0x0a;
  } finally {
    closeSync(fd);
  }
}

/**
 * Opens `path` for appending (creating it if need be). Rejects with `RecordFileError` if it
 * cannot be opened or is the input being replayed (the same file by device and inode, however
 * it is named). Open the recording before creating the stream and attach it at once, so the
 * first posts are not missed.
 */
export async function openRecording(path: string, options: RecordOptions = {}): Promise<Recording> {
  const existing = identity(path);
  const input = options.input === undefined ? undefined : identity(options.input);
  if (
    existing !== undefined &&
    input !== undefined &&
    existing.dev === input.dev &&
    existing.ino === input.ino
  ) {
    throw new RecordFileError(
      `--record ${JSON.stringify(path)} is the file being replayed; record to another file`,
    );
  }
  const file = createWriteStream(path, {flags: 'a'});
  await opened(file, path);
  // A file whose last line was cut (a session killed mid-write) gets its own line ended first,
  // so our first post is not glued onto it.
  if (existing !== undefined && endsMidLine(path, existing)) file.write('\n');

  let posts = 0;
  let failed = false;
  const detachers = new Set<() => void>();
  file.on('error', (error: NodeJS.ErrnoException) => {
    if (failed) return;
    failed = true;
    for (const detach of detachers) detach();
    options.onError?.(
      `recording to ${JSON.stringify(path)} stopped: ${error.code ?? error.message}`,
    );
  });
  // The stream must never wait for the disk (the window and the screen would stall with it), so
  // lines queue in the file stream's buffer.
  const write = (post: Post) => {
    if (failed) return;
    file.write(encodePost(post));
    posts++;
  };

  let closing: Promise<void> | undefined;
  return {
    get posts() {
      return posts;
    },
    write,
    attach(stream) {
      const detach = stream.subscribe((event) => {
        if (event.type === 'post') write(event.post);
      });
      detachers.add(detach);
      return () => {
        detachers.delete(detach);
        detach();
      };
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const detach of detachers) detach();
        detachers.clear();
        if (failed || file.closed) {
          resolve();
          return;
        }
        file.once('error', () => resolve());
        file.end(() => resolve());
      });
      return closing;
    },
  };
}
