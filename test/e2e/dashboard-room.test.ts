// The dashboard uses the room it has: `--top N` lists up to N trends where the rows allow.
import {expect, it} from 'vitest';
import {isolated, terminalTests} from './terminal-tests.js';

const DEMO = ['--source', 'demo', '--seed', '42', '--rate', '200', '--slide', '1s'];
const BAR_ROW = /^[ ›]\s*\d+ #\S+\s+[█▏▎▍▌▋▊▉]+\s+\d+/;
const barRows = (screen: string) => screen.split('\n').filter((line) => BAR_ROW.test(line));

const terminals = terminalTests();

it('shows twenty trends on a 200×50 terminal with --top 20', async () => {
  const run = terminals.trendtui([...DEMO, '--top', '20'], isolated(200, 50));
  const screen = await run.waitFor((s) => barRows(s).length === 20, 30_000);
  expect(barRows(screen).map((line) => Number(line.slice(1).trim().split(/\s+/)[0]))).toEqual(
    Array.from({length: 20}, (_, i) => i + 1),
  );
  expect(screen).toContain('Posts/s');
  expect(run.screen()[49]).toBe('');
});

it('shows three with --top 3, and gives the rows to the posts', async () => {
  const run = terminals.trendtui([...DEMO, '--top', '3'], isolated(80, 24));
  const postRows = (s: string) => s.split('\n').filter((l) => /^\d\d:\d\d:\d\d /.test(l));
  // Once the window holds many tags and the posts fill a pane taller than ten bars leave (3):
  const screen = await run.waitFor((s) => /· \d{3,} posts/.test(s) && postRows(s).length > 3);
  expect(barRows(screen).length).toBe(3);
});
