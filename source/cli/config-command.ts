// `trendtui config get|set|unset|path [KEY] [VALUE]`: reads and edits the config file. Values
// are checked by the same rules as the flags; the X token is read from stdin (never argv) and
// is only ever printed masked.
import {UsageError, validateSettingValue} from './flags.js';
import {isSettingKey, SETTING_KINDS, type SettingKey, type Settings} from './settings.js';
import {maskToken, resolveToken} from './token.js';

export type ConfigIo = {
  settings: Settings;
  stdin: NodeJS.ReadStream | NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
};

const KEYS = Object.keys(SETTING_KINDS).join(', ');
const USAGE = 'usage: trendtui config get|set|unset|path [KEY] [VALUE]';

function keyArgument(key: string | undefined, action: string): SettingKey {
  if (key === undefined) throw new UsageError(`config ${action} needs a KEY (one of ${KEYS})`);
  if (!isSettingKey(key))
    throw new UsageError(`unknown config key ${JSON.stringify(key)} (one of ${KEYS})`);
  return key;
}

const TRUE = new Set(['true', 'on', 'yes', '1']);
const FALSE = new Set(['false', 'off', 'no', '0']);

/** Turns `config set`'s text into the type the file stores, after the flag's own check. */
function convert(key: SettingKey, text: string): string | number | boolean {
  const kind = SETTING_KINDS[key];
  if (kind === 'boolean') {
    const lower = text.toLowerCase();
    if (TRUE.has(lower)) return true;
    if (FALSE.has(lower)) return false;
    throw new UsageError(`${key} must be true or false, not ${JSON.stringify(text)}`);
  }
  validateSettingValue(key, text);
  return kind === 'number' ? Number(text) : text;
}

function show(key: SettingKey, value: unknown): string {
  return key === 'x.token' && typeof value === 'string' ? maskToken(value) : String(value);
}

export async function runConfigCommand(args: string[], io: ConfigIo): Promise<number> {
  const [action, key, value, ...extra] = args;
  const print = (line: string) => io.stdout.write(line + '\n');
  switch (action) {
    case 'path':
      if (key !== undefined) throw new UsageError('config path takes no KEY');
      print(io.settings.path);
      return 0;

    case 'get': {
      if (value !== undefined) throw new UsageError('config get takes one KEY at most');
      if (key === undefined) {
        for (const name of Object.keys(SETTING_KINDS) as SettingKey[]) {
          const stored = io.settings.get(name);
          if (stored !== undefined) print(`${name}=${show(name, stored)}`);
        }
        return 0;
      }
      const name = keyArgument(key, 'get');
      const stored = io.settings.get(name);
      if (stored === undefined) {
        io.stderr.write(`${name} is not set\n`);
        return 1;
      }
      print(show(name, stored));
      if (name === 'x.token') {
        const active = resolveToken(io.env, io.settings.values());
        if (active && active.from !== 'config') {
          io.stderr.write(`note: ${active.from} in the environment takes precedence\n`);
        }
      }
      return 0;
    }

    case 'set': {
      const name = keyArgument(key, 'set');
      if (value === undefined || extra.length > 0) {
        throw new UsageError(`config set ${name} needs exactly one VALUE`);
      }
      if (name === 'x.token') {
        if (value !== '-') {
          // A token on the command line lands in shell history and `ps`.
          throw new UsageError(
            'pass the token on stdin, not as an argument: trendtui config set x.token -',
          );
        }
        const token = await readSecret(io);
        if (token === '') throw new UsageError('no token on stdin');
        if (/\s/.test(token))
          throw new UsageError('the token read from stdin contains spaces or line breaks');
        io.settings.set(name, token);
        io.stderr.write(`saved x.token ${maskToken(token)} to ${io.settings.path}\n`);
        return 0;
      }
      io.settings.set(name, convert(name, value));
      return 0;
    }

    case 'unset': {
      if (value !== undefined) throw new UsageError('config unset takes one KEY');
      io.settings.unset(keyArgument(key, 'unset'));
      return 0;
    }

    default:
      throw new UsageError(
        action === undefined ? USAGE : `unknown config action ${JSON.stringify(action)}; ${USAGE}`,
      );
  }
}

/** Reads the token from stdin: all of it when piped, one line without echo on a terminal. */
async function readSecret(io: ConfigIo): Promise<string> {
  const stdin = io.stdin as NodeJS.ReadStream;
  if (stdin.isTTY) {
    io.stderr.write('X bearer token (input hidden), then Enter: ');
    const line = await readHiddenLine(stdin);
    io.stderr.write('\n');
    return line.trim();
  }
  let text = '';
  stdin.setEncoding?.('utf8');
  for await (const chunk of stdin) text += String(chunk);
  return text.trim();
}

function readHiddenLine(stdin: NodeJS.ReadStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let line = '';
    stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    const done = (result: string | Error) => {
      stdin.setRawMode(false);
      stdin.off('data', onData);
      stdin.pause();
      if (typeof result === 'string') resolve(result);
      else reject(result);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return done(line);
        if (char === '\u0003') return done(new UsageError('cancelled'));
        if (char === '\u007f' || char === '\b') line = line.slice(0, -1);
        else line += char;
      }
    };
    stdin.on('data', onData);
    stdin.resume();
  });
}
