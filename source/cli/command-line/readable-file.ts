// A file named on the command line is checked before anything starts, so that a typo is one
// line and exit 2 rather than a child process that fails later.
import {accessSync, constants, statSync} from 'node:fs';
import {UserError} from '../../core/user-error.js';

/** Throws a `UserError` unless `file` is `-` (stdin) or a readable file. */
export function checkReadable(file: string, what: string): void {
  if (file === '-') return;
  let reason: string | undefined;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) reason = 'it is a directory';
    else accessSync(file, constants.R_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : (code ?? 'unreadable');
  }
  if (reason) throw new UserError(`cannot read ${what} ${JSON.stringify(file)}: ${reason}`);
}
