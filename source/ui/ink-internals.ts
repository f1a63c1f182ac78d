// What the dashboard reaches inside Ink though its package does not export it: two of Ink's own
// modules, its text measure (`measure-text.js`) and its screen builder (`output.js`), and the
// style arithmetic of its dependency `@alcalzone/ansi-tokenize` (Ink's, not ours). They are
// reached by file URL, from where Ink's package is, so that what is loaded is the very copy Ink
// uses. The one-file build puts Ink inside itself, where those URLs would load second copies: it
// replaces this module with plain imports of the same files, which the build resolves to the
// copies Ink uses (scripts/bundle.js).
import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {pathToFileURL} from 'node:url';
import type {StyleCodes} from './ink-frame-builder.js';

/** The files of Ink reached here. */
export type InkModuleFile = 'measure-text.js' | 'output.js';

/** The default export of one of Ink's own files, the very module Ink uses. */
export async function loadInkModule<T>(file: InkModuleFile): Promise<T | undefined> {
  try {
    const entry = pathToFileURL(createRequire(import.meta.url).resolve('ink'));
    const module = (await import(new URL(file, entry).href)) as {default?: T};
    return module.default;
  } catch {
    return undefined;
  }
}

/**
 * Ink's style arithmetic, from the copy of `@alcalzone/ansi-tokenize` Ink itself resolves:
 * undefined when it is not where Ink's package says.
 */
export async function loadInkStyleCodes(): Promise<StyleCodes | undefined> {
  try {
    const ink = createRequire(createRequire(import.meta.url).resolve('ink'));
    const manifest = ink.resolve('@alcalzone/ansi-tokenize/package.json');
    const {exports} = JSON.parse(readFileSync(manifest, 'utf8')) as {
      exports?: {'.'?: {import?: string}};
    };
    const entry = exports?.['.']?.import;
    if (entry === undefined) return undefined;
    const codes = (await import(
      new URL(entry, pathToFileURL(manifest)).href
    )) as Partial<StyleCodes>;
    const {ansiCodesToString, diffAnsiCodes} = codes;
    if (typeof ansiCodesToString !== 'function' || typeof diffAnsiCodes !== 'function')
      return undefined;
    return {ansiCodesToString, diffAnsiCodes};
  } catch {
    return undefined;
  }
}
