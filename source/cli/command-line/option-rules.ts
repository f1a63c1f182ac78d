// Rules that involve more than one option, checked in one place: when a run's options are
// built from flags, the config file and defaults, and when `config set` is about to store a
// value, so that a file that would make every run fail is refused when it is written.
import {UserError} from '../../core/user-error.js';
import {specOf} from './option-table.js';
import {configFix, describe, parseOption, type Resolved} from './resolved-value.js';

type Length = 'window' | 'slide' | 'baseline';

export type Lengths = Partial<Record<Length, Resolved<number> | undefined>>;

/** Pairs that must be ordered: the first at least as long as the second. */
const AT_LEAST_AS_LONG: [Length, Length][] = [
  // A window shorter than its slide would leave posts between two windows uncounted.
  ['window', 'slide'],
  // Rising compares a window with earlier windows of the same length inside the baseline.
  ['baseline', 'window'],
];

export function checkLengths(lengths: Lengths): void {
  for (const [longer, shorter] of AT_LEAST_AS_LONG) {
    const a = lengths[longer];
    const b = lengths[shorter];
    if (a === undefined || b === undefined || a.value >= b.value) continue;
    throw new UserError(`${describe(a)} is shorter than ${describe(b)}${configFix(a, b)}`);
  }
}

/** The source the config file names, which must work without a file given each run. */
export function checkStoredSource(source: Resolved<string>): void {
  if (source.value !== 'replay') return;
  throw new UserError(
    `${describe(source)} cannot be a default: it needs --replay FILE each time${configFix(source)}`,
  );
}

/**
 * The rules `value` (about to be stored by `config set`) takes part in, checked against the
 * rest of the config file and the defaults, as a run without flags would see them.
 */
export function checkBeforeStoring(
  value: Resolved<unknown>,
  config: {path: string; values: Record<string, unknown>},
): void {
  if (value.name === 'source') checkStoredSource(value as Resolved<string>);
  const lengths: Length[] = ['window', 'slide', 'baseline'];
  if (!lengths.includes(value.name as Length)) return;
  const lengthOf = (name: Length): Resolved<number> | undefined => {
    if (name === value.name) return value as Resolved<number>;
    const stored = config.values[name];
    if (stored !== undefined && stored !== null) {
      try {
        return parseOption(name, String(stored), {kind: 'config', path: config.path});
      } catch {
        // A broken neighbour is reported when it is used; it must not block this repair.
        return undefined;
      }
    }
    // A default that follows another value (the baseline follows the window) always fits it.
    const fallback = specOf(name).default;
    return typeof fallback === 'string'
      ? parseOption(name, fallback, {kind: 'default'})
      : undefined;
  };
  checkLengths({
    window: lengthOf('window'),
    slide: lengthOf('slide'),
    baseline: lengthOf('baseline'),
  });
}
