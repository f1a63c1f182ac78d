// An option's value together with where it came from (a flag, the config file, the default,
// or the `config set` being checked), so that every message about it can say where to fix it.
import {UserError} from '../../core/user-error.js';
import {specOf, type OptionName, type OptionValue} from './option-table.js';

export type Origin =
  | {kind: 'flag'}
  | {kind: 'config'; path: string}
  | {kind: 'default'}
  /** The value `config set` is about to store. */
  | {kind: 'set'};

export type Resolved<T> = {name: OptionName; value: T; text: string; origin: Origin};

/** What the option is called where it came from: `--window`, `window in the config file (…)`. */
function label(name: OptionName, origin: Origin): string {
  switch (origin.kind) {
    case 'flag':
      return `--${name}`;
    case 'config':
      return `${name} in the config file (${origin.path})`;
    case 'default':
      return `the default ${name}`;
    case 'set':
      return name;
  }
}

/** The option and its text as a message names them: `--window 5s`, `window 30s in the config file (…)`. */
export function describe(value: Resolved<unknown>): string {
  const {name, text, origin} = value;
  switch (origin.kind) {
    case 'flag':
      return `--${name} ${text}`;
    case 'config':
      return `${name} ${text} in the config file (${origin.path})`;
    case 'default':
      return `the default ${name} ${text}`;
    case 'set':
      return `${name} ${text}`;
  }
}

/** How to change a value that came from the config file, to end a message with; else ''. */
export function configFix(...values: (Resolved<unknown> | undefined)[]): string {
  const stored = values.find((value) => value?.origin.kind === 'config');
  return stored ? `; change it with trendtui config set ${stored.name} …` : '';
}

/** Parses `text` with the option's own parser; a mistake names where the text came from. */
export function parseOption<K extends OptionName>(
  name: K,
  text: string,
  origin: Origin,
): Resolved<OptionValue<K>> {
  try {
    const value = specOf(name).parse(label(name, origin), text) as OptionValue<K>;
    return {name, value, text, origin};
  } catch (error) {
    if (origin.kind !== 'config' || !(error instanceof UserError)) throw error;
    throw new UserError(
      `${error.message}; change it with trendtui config set ${name} … or unset it`,
    );
  }
}
