// `trendtui config get|set|unset|path [KEY] [VALUE]`: reads and edits the config file. Values
// are checked by the same rules as the flags; the X token is read from stdin (never argv) and
// is only ever printed masked.
import {UserError} from '../core/user-error.js';
import {checkBeforeStoring} from './command-line/option-rules.js';
import {parseOption} from './command-line/resolved-value.js';
import {readConfigFile} from './config-file.js';
import {
  isSettingKey,
  SETTING_KEYS,
  storedType,
  type SettingKey,
  type Settings,
} from './settings.js';
import {maskToken, resolveToken} from './token.js';

export type ConfigIo = {
  settings: Settings;
  stdin: NodeJS.ReadStream | NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
};

const KEYS = SETTING_KEYS.join(', ');
const USAGE = 'usage: trendtui config get|set|unset|path [KEY] [VALUE]';

function keyArgument(key: string | undefined, action: string): SettingKey {
  if (key === undefined) throw new UserError(`config ${action} needs a KEY (one of ${KEYS})`);
  if (!isSettingKey(key))
    throw new UserError(`unknown config key ${JSON.stringify(key)} (one of ${KEYS})`);
  return key;
}

/**
 * Turns `config set`'s text into the type the file stores, after the flag's own parser and
 * the rules between options have accepted it.
 */
function convert(
  key: Exclude<SettingKey, 'x.token'>,
  text: string,
  settings: Settings,
): string | number | boolean {
  const value = parseOption(key, text, {kind: 'set'});
  // A corrupt file is about to be set aside, so its values are not there to agree with.
  const content = readConfigFile(settings.path);
  const values = content.kind === 'ok' ? content.values : {};
  checkBeforeStoring(value, {path: settings.path, values});
  return storedType(key) === 'string' ? text : (value.value as number | boolean);
}

function show(key: SettingKey, value: unknown): string {
  return key === 'x.token' && typeof value === 'string' ? maskToken(value) : String(value);
}

export async function runConfigCommand(args: string[], io: ConfigIo): Promise<number> {
  const [action, key, value, ...extra] = args;
  const print = (line: string) => io.stdout.write(line + '\n');
  switch (action) {
    case 'path':
      if (key !== undefined) throw new UserError('config path takes no KEY');
      print(io.settings.path);
      return 0;

    case 'get': {
      if (value !== undefined) throw new UserError('config get takes one KEY at most');
      if (key === undefined) {
        for (const name of SETTING_KEYS) {
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
        throw new UserError(`config set ${name} needs exactly one VALUE`);
      }
      if (name === 'x.token') {
        if (value !== '-') {
          // A token on the command line lands in shell history and `ps`.
          throw new UserError(
            'pass the token on stdin, not as an argument: trendtui config set x.token -',
          );
        }
        const token = await readSecret(io);
        if (token === '') throw new UserError('no token on stdin');
        if (/\s/.test(token))
          throw new UserError('the token read from stdin contains spaces or line breaks');
        io.settings.set(name, token);
        io.stderr.write(`saved x.token ${maskToken(token)} to ${io.settings.path}\n`);
        return 0;
      }
      io.settings.set(name, convert(name, value, io.settings));
      return 0;
    }

    case 'unset': {
      if (value !== undefined) throw new UserError('config unset takes one KEY');
      io.settings.unset(keyArgument(key, 'unset'));
      return 0;
    }

    default:
      throw new UserError(
        action === undefined ? USAGE : `unknown config action ${JSON.stringify(action)}; ${USAGE}`,
      );
  }
}

/** Reads the token from stdin: all of it when piped, one line without echo on a terminal. */
async function readSecret(io: ConfigIo): Promise<string> {
  const stdin = io.stdin as NodeJS.ReadStream;
  if (stdin.isTTY) {
    const line = await readHiddenLine(stdin, () =>
      io.stderr.write('X bearer token (input hidden), then Enter: '),
    );
    io.stderr.write('\n');
    return line.trim();
  }
  let text = '';
  stdin.setEncoding?.('utf8');
  for await (const chunk of stdin) text += String(chunk);
  return text.trim();
}

// The prompt comes only once echo is off, so nothing typed after seeing it is echoed.
function readHiddenLine(stdin: NodeJS.ReadStream, prompt: () => void): Promise<string> {
  return new Promise((resolve, reject) => {
    let line = '';
    stdin.setRawMode(true);
    prompt();
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
        if (char === '\u0003') return done(new UserError('cancelled'));
        if (char === '\u007f' || char === '\b') line = line.slice(0, -1);
        else line += char;
      }
    };
    stdin.on('data', onData);
    stdin.resume();
  });
}
