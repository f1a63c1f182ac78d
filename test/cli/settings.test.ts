// The config file wrapper: typed keys, owner-only file, remembered choices, one-line errors
// for a file that cannot be used, and no side effects (or spinning) just to read it.
import {existsSync, mkdtempSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {configFilePath} from '../../source/cli/config-file.js';
import {isSettingKey, openSettings, SETTING_KEYS} from '../../source/cli/settings.js';
import {UserError} from '../../source/core/user-error.js';

const tempDir = () => mkdtempSync(path.join(tmpdir(), 'trendtui-settings-'));

describe('openSettings', () => {
  it('stores values by key, nests x.token, and writes the file owner-only', () => {
    const cwd = tempDir();
    const settings = openSettings({cwd});
    expect(settings.path).toBe(path.join(cwd, 'config.json'));
    settings.set('top', 5);
    settings.set('x.token', 'secret-token-value');
    expect(settings.values()).toEqual({top: 5, x: {token: 'secret-token-value'}});
    expect(statSync(settings.path).mode & 0o777).toBe(0o600);

    settings.unset('x.token');
    expect(JSON.parse(readFileSync(settings.path, 'utf8'))).toEqual({top: 5});
  });

  it('remembers what the dashboard keys chose, keeping the other values', () => {
    const cwd = tempDir();
    openSettings({cwd}).set('top', 4);
    openSettings({cwd}).remember({window: '1m', slide: '15s'});
    openSettings({cwd}).remember({terms: 'words', rank: 'rising'});
    expect(openSettings({cwd}).values()).toEqual({
      top: 4,
      window: '1m',
      slide: '15s',
      terms: 'words',
      rank: 'rising',
    });
  });

  it('refuses a value of the wrong type with a one-line UserError', () => {
    const settings = openSettings({cwd: tempDir()});
    expect(() => settings.set('top', 'many')).toThrow(UserError);
    expect(() => settings.set('top', 'many')).toThrow(/^config file .*config\.json: .*top.*$/);
  });

  it('reports a hand-edited file that is not JSON, naming the file, and leaves it alone', () => {
    const cwd = tempDir();
    const file = path.join(cwd, 'config.json');
    writeFileSync(file, '{"window": "30s",');
    const settings = openSettings({cwd});
    expect(() => settings.values()).toThrow(UserError);
    expect(() => settings.values()).toThrow(
      new RegExp(`^the config file \\(${file}\\) is not valid JSON .*config set KEY VALUE$`),
    );
    expect(readFileSync(file, 'utf8')).toBe('{"window": "30s",');
  });

  it('repairs a corrupt file on set: the old one is kept aside, and the user told', () => {
    const cwd = tempDir();
    const file = path.join(cwd, 'config.json');
    writeFileSync(file, '[1, 2');
    const notices: string[] = [];
    openSettings({cwd, notice: (line) => notices.push(line)}).set('window', '1m');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({window: '1m'});
    expect(readFileSync(`${file}.corrupt`, 'utf8')).toBe('[1, 2');
    expect(notices).toEqual([expect.stringContaining(`kept it as ${file}.corrupt`)]);
  });

  it('reads a missing file as empty without creating its directory', () => {
    const cwd = path.join(tempDir(), 'not', 'yet');
    expect(openSettings({cwd}).values()).toEqual({});
    expect(openSettings({cwd}).get('window')).toBeUndefined();
    expect(existsSync(path.join(cwd, '..'))).toBe(false);
    // Writing creates it, owner-only.
    openSettings({cwd}).set('window', '30s');
    expect(statSync(cwd).mode & 0o777).toBe(0o700);
  });

  it('fails at once with one line where no directory can be made (a config home in /proc)', () => {
    // Node's recursive mkdir never returns for a path under /proc; reading must not make one,
    // and writing must fail fast.
    const cwd = `/proc/trendtui-test-${process.pid}/trendtui-nodejs`;
    const settings = openSettings({cwd});
    expect(settings.values()).toEqual({});
    const started = performance.now();
    expect(() => settings.set('window', '1m')).toThrow(/^cannot write the config file \(\/proc\//);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('knows its keys, among them the new options and not the per-run ones', () => {
    for (const key of ['window', 'terms', 'rank', 'baseline', 'min', 'timeout', 'x.token']) {
      expect(isSettingKey(key), key).toBe(true);
    }
    for (const key of ['replay', 'record', 'rule', 'connect', 'pipe', 'help', 'toString']) {
      expect(isSettingKey(key), key).toBe(false);
    }
    expect(SETTING_KEYS).toContain('x.token');
  });

  it('lives where conf kept it, so existing files are found', () => {
    expect(configFilePath({XDG_CONFIG_HOME: '/x/conf'}, 'linux')).toBe(
      '/x/conf/trendtui-nodejs/config.json',
    );
  });
});
