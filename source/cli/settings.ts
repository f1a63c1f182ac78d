// The config file as typed settings: flag defaults a user sets once (`trendtui config set
// window 30s`), what the dashboard's keys last chose, and the X token. Its keys and their JSON
// types come from the option table; their values are judged by the same parsers as the flags,
// when used. Only the parent process touches it; the ingest child gets what it needs from its
// parent.
import path from 'node:path';
import {UserError} from '../core/user-error.js';
import {
  OPTIONS,
  STORED_OPTION_NAMES,
  type StoredOptionName,
  type StoredValue,
} from './command-line/option-table.js';
import {
  configFilePath,
  readConfigFile,
  setAsideConfigFile,
  writeConfigFile,
} from './config-file.js';

/** What the config file may hold; every key is optional and mirrors a flag of the same name. */
export type SettingsValues = {[K in StoredOptionName]?: StoredValue<K>} & {
  x?: {token?: string};
};

/** The keys `config get|set|unset` take: every stored option, and the token. */
export const SETTING_KEYS = [...STORED_OPTION_NAMES, 'x.token'] as const;

export type SettingKey = StoredOptionName | 'x.token';

export const isSettingKey = (key: string): key is SettingKey =>
  (SETTING_KEYS as readonly string[]).includes(key);

/** How a key's value is typed in the file (and so how `config set KEY VALUE` converts text). */
export const storedType = (key: SettingKey): 'string' | 'number' | 'boolean' =>
  key === 'x.token' ? 'string' : OPTIONS[key].stored;

/** The choices the dashboard's keys make, remembered for the next run. */
export type Remembered = Partial<Pick<SettingsValues, 'window' | 'slide' | 'terms' | 'rank'>>;

export type Settings = {
  /** Absolute path of the config file (it may not exist yet). */
  readonly path: string;
  /** The file's values, unchecked; throws a `UserError` if the file is corrupt. */
  values(): SettingsValues;
  get(key: SettingKey): string | number | boolean | undefined;
  set(key: SettingKey, value: string | number | boolean): void;
  unset(key: SettingKey): void;
  /** Remembers what the dashboard's keys chose (window, slide, terms, order). */
  remember(choices: Remembered): void;
};

export type OpenSettingsOptions = {
  /** Directory holding config.json instead of the per-user config directory (tests). */
  cwd?: string;
  /** Told when a corrupt file is moved aside so that `set` or `unset` can repair it. */
  notice?: (line: string) => void;
};

export function openSettings(options: OpenSettingsOptions = {}): Settings {
  const file = options.cwd === undefined ? configFilePath() : path.join(options.cwd, 'config.json');

  const read = (): Record<string, unknown> => {
    const content = readConfigFile(file);
    if (content.kind === 'ok') return content.values;
    if (content.kind === 'missing') return {};
    throw new UserError(
      `the config file (${file}) is not valid JSON (${content.reason}); fix it by hand, or start a new one with trendtui config set KEY VALUE`,
    );
  };
  // The commands that repair the file must work on a corrupt one: it is kept aside, not lost.
  const edit = (change: (values: Record<string, unknown>) => void) => {
    const content = readConfigFile(file);
    let values: Record<string, unknown> = {};
    if (content.kind === 'ok') values = content.values;
    if (content.kind === 'corrupt') {
      const kept = setAsideConfigFile(file);
      options.notice?.(
        `the config file was not valid JSON (${content.reason}); kept it as ${kept} and started a new one`,
      );
    }
    change(values);
    writeConfigFile(file, values);
  };
  const checkType = (key: SettingKey, value: unknown) => {
    const type = storedType(key);
    if (typeof value !== type) {
      throw new UserError(
        `config file ${file}: ${key} must be stored as a ${type}, not ${JSON.stringify(value)}`,
      );
    }
  };

  return {
    path: file,
    values: () => read() as SettingsValues,
    get: (key) => {
      const values = read() as SettingsValues;
      const value = key === 'x.token' ? values.x?.token : values[key];
      return value === null ? undefined : value;
    },
    set: (key, value) => {
      checkType(key, value);
      edit((values) => {
        if (key !== 'x.token') values[key] = value;
        else values['x'] = {...asObject(values['x']), token: value};
      });
    },
    unset: (key) =>
      edit((values) => {
        if (key !== 'x.token') {
          delete values[key];
          return;
        }
        const x = asObject(values['x']);
        delete x['token'];
        // Leave no empty `x: {}` behind once the token is gone.
        if (Object.keys(x).length === 0) delete values['x'];
        else values['x'] = x;
      }),
    remember: (choices) =>
      edit((values) => {
        for (const [key, value] of Object.entries(choices)) {
          if (value !== undefined) values[key] = value;
        }
      }),
  };
}

const asObject = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? {...(value as Record<string, unknown>)}
    : {};
