// Which source a run reads from. Adding a network is one file in this folder plus one line in
// `SOURCE_FACTORIES`.
import type {Options} from '../../cli/options.js';
import type {Source, SourceName} from '../source.js';
import {createBlueskySource} from './bluesky.js';
import {createDemoSource} from './demo.js';
import {createXSource} from './x.js';

export type SourceFactory = (options: Options, env: NodeJS.ProcessEnv) => Source;

export const SOURCE_FACTORIES: Partial<Record<SourceName, SourceFactory>> = {
  demo: (options) => createDemoSource(options),
  x: (options, env) => createXSource(options, env),
  bluesky: (options, env) => createBlueskySource(options, env),
};

/** The source `options.source` names. Throws only for a name no factory is registered for. */
export function createSource(options: Options, env: NodeJS.ProcessEnv): Source {
  const factory = SOURCE_FACTORIES[options.source];
  if (factory === undefined) throw new Error(`source "${options.source}" is not available`);
  return factory(options, env);
}
