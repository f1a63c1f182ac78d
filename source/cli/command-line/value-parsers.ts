// Turns one option's text into its value, or throws a one-line `UserError` naming where the
// text came from (`--window`, `window in the config file (…)`). A flag and the same key in the
// config file go through the same parser, so they are judged by one rule and one message.
import {parseDuration} from '../../core/duration.js';
import {UserError} from '../../core/user-error.js';

export type ValueParser<T> = (name: string, text: string) => T;

const quote = (value: unknown) => JSON.stringify(String(value));

export function oneOf<T extends string>(choices: readonly T[]): ValueParser<T> {
  return (name, text) => {
    if ((choices as readonly string[]).includes(text)) return text as T;
    throw new UserError(`${name} must be one of ${choices.join(', ')}, not ${quote(text)}`);
  };
}

export function wholeNumber(min: number, max = Number.MAX_SAFE_INTEGER): ValueParser<number> {
  return (name, text) => {
    const number = /^[+-]?\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(number) || number < min || number > max) {
      const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `${min} to ${max}`;
      throw new UserError(`${name} must be a whole number, ${range}, not ${quote(text)}`);
    }
    return number;
  };
}

export const positiveNumber: ValueParser<number> = (name, text) => {
  const number = text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(number) || number <= 0) {
    throw new UserError(`${name} must be a number above 0, not ${quote(text)}`);
  }
  return number;
};

/** Milliseconds of a duration such as `10s`, `1m`, `2m30s`, `1h`, no shorter than `minMs`. */
export function duration(minMs = 1): ValueParser<number> {
  return (name, text) => {
    const ms = parseDuration(text);
    if (ms === undefined) {
      throw new UserError(
        `${name} must be a duration such as 10s, 1m, 2m30s or 1h, not ${quote(text)}`,
      );
    }
    if (ms < minMs) throw new UserError(`${name} must be at least ${minMs}ms, not ${quote(text)}`);
    return ms;
  };
}

export const speed: ValueParser<number | 'max'> = (name, text) =>
  text === 'max' ? 'max' : positiveNumber(name, text);

const LANG = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/;

export const languageCode: ValueParser<string> = (name, text) => {
  if (!LANG.test(text)) {
    throw new UserError(
      `${name} must be a language code such as en, ja or pt-BR, not ${quote(text)}`,
    );
  }
  return text;
};

export const nonEmpty: ValueParser<string> = (name, text) => {
  if (text.trim() === '') throw new UserError(`${name} needs a value`);
  return text;
};

export const hostPort: ValueParser<{host: string; port: number}> = (name, text) => {
  const match = /^(.+):(\d+)$/.exec(text.trim());
  const host = match?.[1]?.replace(/^\[(.*)\]$/, '$1');
  const port = match ? Number(match[2]) : Number.NaN;
  if (!host || !(port >= 1 && port <= 65_535)) {
    throw new UserError(`${name} needs HOST:PORT, such as 127.0.0.1:5555, not ${quote(text)}`);
  }
  return {host, port};
};

const TRUE = new Set(['true', 'on', 'yes', '1']);
const FALSE = new Set(['false', 'off', 'no', '0']);

/** A switch as the config file stores it or `config set` reads it (`on`, `false`, …). */
export const onOff: ValueParser<boolean> = (name, text) => {
  const lower = text.toLowerCase();
  if (TRUE.has(lower)) return true;
  if (FALSE.has(lower)) return false;
  throw new UserError(`${name} must be true or false, not ${quote(text)}`);
};
