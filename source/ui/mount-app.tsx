// Puts the dashboard on the terminal with Ink. Kept apart from the CLI wiring so that React and
// Ink are only loaded once the caller has chosen React's build (see cli/dashboard.tsx).
import React from 'react';
import {render, type Instance} from 'ink';
import {App, type AppProps} from './app.js';
import {boundInkTextCaches} from './ink-text-caches.js';

export {inkTextCacheEntries} from './ink-text-caches.js';

// Before anything is drawn: see ink-text-caches.ts.
boundInkTextCaches();

/** `keys`: the terminal to read keys from (stdin when undefined: Ink's own default). */
export function mountApp(props: AppProps, keys?: NodeJS.ReadStream): Instance {
  return render(<App {...props} />, {
    ...(keys ? {stdin: keys} : {}),
    // Ctrl-C is a key like q: handled in the app so the child is stopped before we exit.
    exitOnCtrlC: false,
    patchConsole: true,
    maxFps: 15,
  });
}
