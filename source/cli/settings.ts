// The config file: flag defaults a user sets once (`trendtui config set window 30s`), the window
// and slide last chosen with keys, and the X token. Backed by conf (plain JSON, written
// atomically with mode 0600 because it may hold the token). Only the parent process touches
// it; the ingest child gets what it needs from its parent.
import {homedir} from 'node:os';
import {join} from 'node:path';
import Conf from 'conf';

/** What the config file may hold; every key is optional and mirrors a flag of the same name. */
export type SettingsValues = {
  source?: string;
  speed?: string;
  window?: string;
  slide?: string;
  time?: string;
  top?: number;
  format?: string;
  retweets?: boolean;
  lang?: string;
  rate?: number;
  seed?: number;
  host?: string;
  port?: number;
  color?: boolean;
  ascii?: boolean;
  x?: {token?: string};
};

/** How a key's value is typed in the file (and so how `config set KEY VALUE` converts text). */
export type SettingKind = 'string' | 'number' | 'boolean' | 'secret';

export const SETTING_KINDS = {
  source: 'string',
  speed: 'string',
  window: 'string',
  slide: 'string',
  time: 'string',
  top: 'number',
  format: 'string',
  retweets: 'boolean',
  lang: 'string',
  rate: 'number',
  seed: 'number',
  host: 'string',
  port: 'number',
  color: 'boolean',
  ascii: 'boolean',
  'x.token': 'secret',
} as const satisfies Record<string, SettingKind>;

export type SettingKey = keyof typeof SETTING_KINDS;

export const isSettingKey = (key: string): key is SettingKey => Object.hasOwn(SETTING_KINDS, key);

/** The subset of conf's API this module relies on, so tests can hand in any store. */
export type SettingsStore = {
  readonly path: string;
  readonly store: Record<string, unknown>;
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
};

export type Settings = {
  /** Absolute path of the config file (it may not exist yet). */
  readonly path: string;
  values(): SettingsValues;
  get(key: SettingKey): string | number | boolean | undefined;
  set(key: SettingKey, value: string | number | boolean): void;
  unset(key: SettingKey): void;
  /** Remembers the window and slide chosen with the dashboard's keys. */
  rememberWindow(window: string, slide: string): void;
};

/** A config file that cannot be read or does not match the schema. */
export class SettingsError extends Error {}

const schemaFor = (kind: SettingKind) =>
  kind === 'number' ? {type: 'number'} : kind === 'boolean' ? {type: 'boolean'} : {type: 'string'};

// Types only: value rules (durations, ranges, choices) live with the flags so that a flag and
// the same key in the file are judged by one rule and one message.
const schema = {
  ...Object.fromEntries(
    Object.entries(SETTING_KINDS)
      .filter(([key]) => !key.includes('.'))
      .map(([key, kind]) => [key, schemaFor(kind)]),
  ),
  x: {type: 'object', properties: {token: {type: 'string'}}},
};

export type OpenSettingsOptions = {
  /** Directory holding config.json instead of the per-user config directory (tests). */
  cwd?: string;
  /** A ready store (tests). */
  store?: SettingsStore;
};

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}

// Where conf keeps the file, for messages about a file conf itself could not open.
function likelyPath(cwd: string | undefined): string {
  if (cwd !== undefined) return join(cwd, 'config.json');
  if (process.platform !== 'linux') return '(see `trendtui config path`)';
  const base = process.env['XDG_CONFIG_HOME'] || join(homedir(), '.config');
  return join(base, 'trendtui-nodejs', 'config.json');
}

export function openSettings(options: OpenSettingsOptions = {}): Settings {
  let store: SettingsStore;
  try {
    store =
      options.store ??
      (new Conf<Record<string, unknown>>({
        projectName: 'trendtui',
        configFileMode: 0o600,
        // A hand-edited file with a mistake is reported, never wiped.
        clearInvalidConfig: false,
        schema: schema as never,
        ...(options.cwd === undefined ? {} : {cwd: options.cwd}),
      }) as unknown as SettingsStore);
  } catch (error) {
    throw new SettingsError(`config file ${likelyPath(options.cwd)}: ${firstLine(error)}`);
  }

  const write = (action: () => void) => {
    try {
      action();
    } catch (error) {
      throw new SettingsError(`config file ${store.path}: ${firstLine(error)}`);
    }
  };

  return {
    path: store.path,
    values: () => structuredClone(store.store) as SettingsValues,
    get: (key) => store.get(key) as string | number | boolean | undefined,
    set: (key, value) => write(() => store.set(key, value)),
    unset: (key) =>
      write(() => {
        store.delete(key);
        // Leave no empty `x: {}` behind once the token is gone.
        if (key === 'x.token') {
          const x = store.get('x');
          if (x !== null && typeof x === 'object' && Object.keys(x).length === 0) store.delete('x');
        }
      }),
    rememberWindow: (window, slide) =>
      write(() => {
        store.set('window', window);
        store.set('slide', slide);
      }),
  };
}
