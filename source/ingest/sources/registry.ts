// Which source a run reads from. Adding a network is one file in this folder plus one line in
// `SOURCE_FACTORIES`.
import type {SourceOptions} from '../source-options.js';
import type {Source, SourceName} from '../source.js';
import {createDemoSource} from './demo.js';
import {createReplaySource} from './replay.js';
import {createStdinSource} from './stdin.js';

export type SourceFactory = (options: SourceOptions, env: NodeJS.ProcessEnv) => Source;

/**
 * A source whose module is imported only when it starts: the network clients (twitter-api-v2,
 * ws) take most of a second to load, which a demo or replay run should not pay.
 */
function loadedOnStart(name: SourceName, load: () => Promise<SourceFactory>): SourceFactory {
  return (options, env) => ({
    name,
    async *events(signal) {
      const factory = await load();
      yield* factory(options, env).events(signal);
    },
  });
}

export const SOURCE_FACTORIES: Partial<Record<SourceName, SourceFactory>> = {
  demo: (options) => createDemoSource(options),
  replay: (options) => createReplaySource(options),
  stdin: () => createStdinSource(),
  x: loadedOnStart('x', async () => (await import('./x.js')).createXSource),
  bluesky: loadedOnStart('bluesky', async () => (await import('./bluesky.js')).createBlueskySource),
};

/** The source `options.source` names. Throws only for a name no factory is registered for. */
export function createSource(options: SourceOptions, env: NodeJS.ProcessEnv): Source {
  const factory = SOURCE_FACTORIES[options.source];
  if (factory === undefined) throw new Error(`source "${options.source}" is not available`);
  return factory(options, env);
}
