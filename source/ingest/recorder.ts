// `--record FILE`: every post a client receives, appended in the wire protocol's post form, so
// that `--replay FILE` later counts exactly what this session counted.
import {createWriteStream, type WriteStream} from 'node:fs';
import type {Post} from '../core/post.js';
import {encodePost} from '../core/protocol.js';
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
};

/** Why the file could not be opened, as one line for the user. */
export class RecordFileError extends Error {}

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

/**
 * Opens `path` (truncating it). Rejects with `RecordFileError` if it cannot be opened. Open the
 * recording before creating the stream and attach it at once, so the first posts are not missed.
 */
export async function openRecording(path: string, options: RecordOptions = {}): Promise<Recording> {
  const file = createWriteStream(path, {flags: 'w'});
  await opened(file, path);

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
