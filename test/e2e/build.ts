// The end-to-end tests run the built program (dist/), as a user would. Build it once if a test
// file is run on its own before `npm run build`.
import {existsSync} from 'node:fs';
import {execFileSync} from 'node:child_process';
import {BIN, ROOT} from '../helpers/terminal.js';

export function ensureBuilt(): void {
  if (existsSync(BIN)) return;
  execFileSync('npm', ['run', 'build'], {cwd: ROOT, stdio: 'ignore'});
}
