// The config file wrapper: typed keys, owner-only file, remembered window, one-line errors for
// a file conf cannot use.
import {mkdtempSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {isSettingKey, openSettings, SettingsError} from '../../source/cli/settings.js';

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

  it('remembers the window and slide chosen in the dashboard', () => {
    const cwd = tempDir();
    openSettings({cwd}).rememberWindow('1m', '15s');
    expect(openSettings({cwd}).values()).toEqual({window: '1m', slide: '15s'});
  });

  it('refuses a value of the wrong type with a one-line SettingsError', () => {
    const settings = openSettings({cwd: tempDir()});
    expect(() => settings.set('top', 'many')).toThrow(SettingsError);
    expect(() => settings.set('top', 'many')).toThrow(/^config file .*config\.json: .*top.*$/);
  });

  it('reports a hand-edited file that is not JSON, naming the file, and leaves it alone', () => {
    const cwd = tempDir();
    const file = path.join(cwd, 'config.json');
    writeFileSync(file, '{"window": "30s",');
    expect(() => openSettings({cwd})).toThrow(SettingsError);
    expect(() => openSettings({cwd})).toThrow(new RegExp(`^config file ${file}: `));
    expect(readFileSync(file, 'utf8')).toBe('{"window": "30s",');
  });

  it('knows its keys', () => {
    expect(isSettingKey('window')).toBe(true);
    expect(isSettingKey('x.token')).toBe(true);
    expect(isSettingKey('replay')).toBe(false);
    expect(isSettingKey('toString')).toBe(false);
  });
});
