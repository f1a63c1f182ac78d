// Runs meow over argv with the option table's flags, and works around what meow does that a
// one-line diagnostic cannot live with: multi-line errors, exiting by itself on an unknown
// flag, reporting `--no-foo` as `foo`, and reading `--replay -` as a lone argument.
import meow from 'meow';
import {UserError} from '../../core/user-error.js';
import {OPTION_NAMES, OPTIONS, specOf, type OptionName} from './option-table.js';
import {onOff} from './value-parsers.js';

/** What was typed for each known flag: text, or a switch for boolean flags. */
export type RawFlags = Partial<Record<OptionName, string | boolean>>;

export type ReadArgv = {input: string[]; flags: RawFlags};

// Everything is read as text (or a switch) and converted by the table's parsers: meow's number
// type turns `abc` into NaN and its `choices` throw multi-line errors.
const MEOW_FLAGS = Object.fromEntries(
  OPTION_NAMES.map((name) => {
    const {type, shortFlag} = specOf(name);
    return [name, shortFlag ? {type, shortFlag} : {type}];
  }),
) as Record<OptionName, {type: 'string' | 'boolean'; shortFlag?: string}>;

export function readArgv(argv: string[], helpText: string): ReadArgv {
  const rest = keepDashValues(argv);
  let parsed: {input: string[]; flags: Record<string, unknown>};
  try {
    const result = meow(helpText, {
      importMeta: import.meta,
      argv: rest,
      flags: MEOW_FLAGS,
      allowUnknownFlags: true,
      autoHelp: false,
      autoVersion: false,
      // Flags not given stay undefined, so the config file can fill them in.
      booleanDefault: undefined,
    });
    parsed = {input: result.input, flags: result.unnormalizedFlags};
  } catch (error) {
    // meow throws for a flag given twice; its message is already one line.
    const message = error instanceof Error ? error.message : String(error);
    const twice = /^The flag (--\S+) can only be set once/.exec(message);
    throw new UserError(twice ? `${twice[1]} was given twice` : message.split('\n')[0]!);
  }
  const flags = knownFlags(parsed.flags, rest);
  return {input: parsed.input.map(String), flags: {...flags, ...switchValues(rest)}};
}

// The parser reads any text after a switch's `=` as false (`--empty=yes` turned it off). A value
// given to a switch is read as the config file reads one (`true`, `on`, `yes`, `1` and their
// opposites), and anything else is refused.
function switchValues(argv: string[]): RawFlags {
  const flags: RawFlags = {};
  for (const arg of argv) {
    if (arg === '--') break;
    const typed = /^--([^=]+)=(.*)$/s.exec(arg);
    if (!typed) continue;
    const [, spelled, text] = typed as unknown as [string, string, string];
    const name = camelCase(spelled);
    if (!Object.hasOwn(OPTIONS, name) || specOf(name as OptionName).type !== 'boolean') continue;
    flags[name as OptionName] = onOff(`--${spelled}`, text);
  }
  return flags;
}

// Turns what meow returned into known flags, rejecting anything it did not know. meow's own
// unknown-flag report is several lines and exits by itself, so it stays switched off.
function knownFlags(parsed: Record<string, unknown>, argv: string[]): RawFlags {
  const shortFlags = OPTION_NAMES.flatMap((name) => specOf(name).shortFlag ?? []);
  const known = new Set<string>([...OPTION_NAMES, ...shortFlags]);
  for (const key of Object.keys(parsed)) {
    if (!known.has(key)) {
      throw new UserError(`unknown flag ${spelledAsGiven(key, argv)} (see trendtui --help)`);
    }
  }
  const flags: RawFlags = {};
  for (const name of OPTION_NAMES) {
    const value = parsed[name];
    if (typeof value === 'string' || typeof value === 'boolean') flags[name] = value;
  }
  return flags;
}

const camelCase = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

// The parser reports `--no-foo` as `foo` and `--foo-bar` as `fooBar`; find what was typed.
function spelledAsGiven(key: string, argv: string[]): string {
  for (const arg of argv) {
    if (arg === '--') break;
    const name = /^--?([^=]+)/.exec(arg)?.[1];
    if (name === undefined) continue;
    if (
      arg.startsWith('--') &&
      [name, name.replace(/^no-/, '')].some((n) => camelCase(n) === key)
    ) {
      return arg.split('=')[0]!;
    }
    if (!arg.startsWith('--') && name.includes(key)) return `-${key}`;
  }
  return key.length === 1 ? `-${key}` : `--${key}`;
}

// The parser reads a lone `-` after a flag as an argument of its own, but `--replay -` means
// stdin; glue it to the flag that takes a value.
function keepDashValues(argv: string[]): string[] {
  const out: string[] = [];
  for (const arg of argv) {
    const previous = out.at(-1);
    const flag = previous?.startsWith('--') ? camelCase(previous.slice(2)) : undefined;
    const takesValue =
      flag !== undefined && Object.hasOwn(OPTIONS, flag)
        ? specOf(flag as OptionName).type === 'string'
        : false;
    if (arg === '-' && takesValue) out[out.length - 1] = `${previous}=-`;
    else out.push(arg);
  }
  return out;
}
