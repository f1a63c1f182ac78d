// Where the package's own files are. The program runs from its compiled files (`dist/`), from
// the one-file build of them (whose chunks sit in a folder of their own), and from its
// TypeScript sources under test: each sits somewhere below the package's root, so files are
// found from that root rather than from the path of the module asking.
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

let root: string | undefined;

/** The package's root folder: the nearest one above this module holding a `package.json`. */
export function packageRoot(): string {
  if (root !== undefined) return root;
  let folder = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(folder, 'package.json'))) {
    const parent = path.dirname(folder);
    if (parent === folder) throw new Error('trendtui: its package.json is missing');
    folder = parent;
  }
  root = folder;
  return root;
}

/** A file of the package, by its path from the root (`dist/bin.js`). */
export function packageFile(relative: string): string {
  return path.join(packageRoot(), relative);
}

/** The package's version, or undefined when its package.json cannot be read. */
export function packageVersion(): string | undefined {
  try {
    const json = readFileSync(packageFile('package.json'), 'utf8');
    const version = (JSON.parse(json) as {version?: unknown}).version;
    return version === undefined ? undefined : String(version);
  } catch {
    return undefined;
  }
}
