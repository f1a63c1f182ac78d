// The client side of the ingest server, as the dashboard and pipe mode open it: a connection to
// a running server (`--connect`) or to a child this process spawns, with `--record` attached
// before the first post can arrive.
import {openRecording, type Recording} from './recorder.js';
import {readsStdin} from './source-capabilities.js';
import type {SourceOptions} from './source-options.js';
import type {PostStream} from './stream.js';

export async function openPostStream(
  options: SourceOptions,
  /** The X token's variables for a spawned child (a token never travels on argv). */
  tokenEnv: Record<string, string>,
  onRecordError: (message: string) => void,
): Promise<{stream: PostStream; recording?: Recording}> {
  const recording =
    options.recordFile === undefined
      ? undefined
      : await openRecording(options.recordFile, {
          onError: onRecordError,
          ...recordedInput(options),
        });
  let stream: PostStream;
  if (options.connect) {
    const {connectToServer} = await import('./client.js');
    stream = connectToServer(options.connect);
  } else {
    const {spawnIngest} = await import('./supervisor.js');
    stream = spawnIngest(options, tokenEnv);
  }
  recording?.attach(stream);
  return recording ? {stream, recording} : {stream};
}

/** What the session reads from a file, which `--record` must never write into. */
function recordedInput(options: SourceOptions): {input?: string} {
  if (readsStdin(options)) return {input: '-'};
  return options.source === 'replay' && options.replayFile !== undefined
    ? {input: options.replayFile}
    : {};
}
