// The client side of the ingest server, as the dashboard and pipe mode open it: a connection to
// a running server (`--connect`) or to a child this process spawns, with `--record` attached
// before the first post can arrive.
import type {Recording} from './recorder.js';
import {readsStdin} from './source-capabilities.js';
import type {SourceOptions} from './source-options.js';
import type {PostStream} from './stream.js';

/** A post stream ready to start: the recording (if any) is open, nothing is spawned yet. */
export type PendingPostStream = {
  recording?: Recording;
  /** Spawns the child (or connects to `--connect`) and attaches the recording to it. */
  start(): Promise<PostStream>;
};

/**
 * Opens the recording, so a file that cannot be written is refused before anything else
 * happens, and leaves the spawn to the caller: the dashboard draws its first frame first, and a
 * child starting on the same cores would slow that frame down.
 */
export async function preparePostStream(
  options: SourceOptions,
  /** The X token's variables for a spawned child (a token never travels on argv). */
  tokenEnv: Record<string, string>,
  onRecordError: (message: string) => void,
): Promise<PendingPostStream> {
  let recording: Recording | undefined;
  if (options.recordFile !== undefined) {
    const {openRecording} = await import('./recorder.js');
    recording = await openRecording(options.recordFile, {
      onError: onRecordError,
      ...recordedInput(options),
    });
  }
  const start = async () => {
    let stream: PostStream;
    if (options.connect) {
      const {connectToServer} = await import('./client.js');
      stream = connectToServer(options.connect);
    } else {
      const {spawnIngest} = await import('./supervisor.js');
      stream = spawnIngest(options, tokenEnv);
    }
    recording?.attach(stream);
    return stream;
  };
  return recording ? {recording, start} : {start};
}

export async function openPostStream(
  options: SourceOptions,
  tokenEnv: Record<string, string>,
  onRecordError: (message: string) => void,
): Promise<{stream: PostStream; recording?: Recording}> {
  const {recording, start} = await preparePostStream(options, tokenEnv, onRecordError);
  const stream = await start();
  return recording ? {stream, recording} : {stream};
}

/** What the session reads from a file, which `--record` must never write into. */
function recordedInput(options: SourceOptions): {input?: string} {
  if (readsStdin(options)) return {input: '-'};
  return options.source === 'replay' && options.replayFile !== undefined
    ? {input: options.replayFile}
    : {};
}
