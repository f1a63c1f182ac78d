#!/usr/bin/env node
// Entry point. Colour must be decided before anything imports chalk (via Ink), because
// supports-color reads the environment once at import time and never looks at NO_COLOR.
const argv = process.argv.slice(2);
const noColor =
  (process.env['NO_COLOR'] !== undefined && process.env['NO_COLOR'] !== '') ||
  process.env['TERM'] === 'dumb' ||
  argv.includes('--no-color');
if (noColor) {
  process.env['FORCE_COLOR'] = '0';
}

await import('./cli.js');
