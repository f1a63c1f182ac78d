// `trendtui --help`, generated from the option table so it lists every option with its
// default: a new option shows up here by being declared, never by being remembered.
import {TOKEN_ENV_VARS} from '../../ingest/sources/x-token.js';
import {OPTION_NAMES, specOf, type OptionName} from './option-table.js';

const NAME_COLUMN = 25;

/** How an option is written in the help: `--window DUR`, `--[no-]retweets`, `-h, --help`. */
export function helpName(name: OptionName): string {
  const spec = specOf(name);
  if (spec.type === 'boolean') {
    const flag = spec.default === 'true' ? `--[no-]${name}` : `--${name}`;
    return spec.shortFlag ? `-${spec.shortFlag}, ${flag}` : flag;
  }
  return `--${name} ${spec.value ?? 'VALUE'}`;
}

function defaultText(name: OptionName): string | undefined {
  const spec = specOf(name);
  if (spec.defaultHelp !== undefined) return spec.defaultHelp;
  if (typeof spec.default !== 'string' || spec.type === 'boolean') return undefined;
  return spec.default;
}

const WIDTH = 94;

// Fills words into lines of at most `width` characters, keeping the table's own line breaks.
function wrap(text: string, width: number): string[] {
  return text.split('\n').flatMap((paragraph) => {
    const lines: string[] = [];
    for (const word of paragraph.split(' ')) {
      const last = lines.at(-1);
      if (last !== undefined && last.length + 1 + word.length <= width) {
        lines[lines.length - 1] = `${last} ${word}`;
      } else lines.push(word);
    }
    return lines;
  });
}

function optionLines(name: OptionName): string[] {
  const fallback = defaultText(name);
  const text = specOf(name).help + (fallback === undefined ? '' : ` (default ${fallback})`);
  const lines = wrap(text, WIDTH - 4 - NAME_COLUMN);
  const flag = helpName(name);
  const indent = ' '.repeat(4 + NAME_COLUMN);
  // A name too long for its column gets the description on the lines below it.
  const head =
    flag.length < NAME_COLUMN - 1
      ? [`    ${flag.padEnd(NAME_COLUMN)}${lines.shift()}`]
      : [`    ${flag}`];
  return [...head, ...lines.map((line) => indent + line)];
}

/** The options that are for one run only, which the config file cannot hold. */
export const runOnlyOptions = () =>
  OPTION_NAMES.filter(
    (name) => specOf(name).stored === undefined && name !== 'help' && name !== 'version',
  );

const list = (names: string[]) =>
  `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`.replace(/^ and /, '');

export function helpText(): string {
  const runOnly = list(runOnlyOptions().map((name) => `--${name}`));
  const [tokenVariable, ...otherTokenVariables] = TOKEN_ENV_VARS;
  return `
  Usage
    $ trendtui [QUERY...]                     dashboard (pipe mode when stdout is not a terminal)
    $ trendtui serve [QUERY...]               ingest server only (NDJSON over TCP)
    $ trendtui config get|set|unset|path [KEY] [VALUE]

  Options
${OPTION_NAMES.flatMap(optionLines).join('\n')}

  Every option except ${runOnly} can also be set
  in the config file (trendtui config set window 30s); flags win.
  The X bearer token comes from ${tokenVariable} (or ${otherTokenVariables.join(', ')}), else
  from the config file: trendtui config set x.token - (reads it from stdin).

  Examples
    $ trendtui "stan lee"
    $ trendtui --source bluesky --terms words --window 1m --slide 10s
    $ trendtui --replay tweets.jsonl.gz --speed max --top 0 --format csv > counts.csv
    $ trendtui serve "stan lee" --format text    # then: nc 127.0.0.1 5555
`;
}
