// Selecting and opening a trend in the App, with a fake clock: the selection follows the term
// across slides (not the row), says so when the term leaves the list, and the filter takes
// every key typed into it.
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {App} from '../../source/ui/app.js';
import type {TrendModel} from '../../source/ui/trend-model.js';
import {taggedPost, testModel} from './model-fixture.js';
import {renderTui, settle} from './render-tui.js';

const START = Date.UTC(2026, 10, 26, 12, 0, 0);
const DOWN = '\u001b[B';
const UP = '\u001b[A';

const post = (id: number, hashtags: string[], text = `post ${id}`) =>
  taggedPost(id, hashtags, {createdAt: START, text, author: `user${id % 3}`});

/** A model on a fake clock; `slide(counts)` feeds one 5 s slide of posts and closes it. */
function slidingModel() {
  let now = START;
  let id = 0;
  const model = testModel(() => now, {query: '', windowMs: 5_000, slideMs: 5_000});
  model.handle({type: 'link', link: {state: 'connected'}});
  model.handle({type: 'status', status: {state: 'live'}});
  const slide = (counts: Record<string, number>) => {
    for (const [tag, n] of Object.entries(counts)) {
      for (let i = 0; i < n; i++) model.handle({type: 'post', post: post(id++, [tag])});
    }
    now += 5_000;
  };
  return {model, slide};
}

/** Waits (up to 5 s on a loaded machine) for the frame to show what `test` wants. */
async function until(frame: () => string, test: (frame: string) => boolean): Promise<string> {
  const deadline = Date.now() + 5000;
  while (!test(frame()) && Date.now() < deadline) await settle(20);
  return frame();
}

/** The App at 80×24 on a fast tick, once drawn. */
async function show(model: TrendModel) {
  const tui = await renderTui(<App model={model} color={false} ascii={false} intervalMs={20} />, {
    columns: 80,
    rows: 24,
  });
  await settle(60);
  return tui;
}

/** The chart row marked as selected. */
const selectedRow = (frame: string) => frame.split('\n').find((line) => line.startsWith('›'));

afterEach(() => {
  cleanup();
});

describe('selecting a trend', () => {
  it('follows the term, not the row, across a slide in which its rank changes', async () => {
    const {model, slide} = slidingModel();
    slide({Alpha: 9, Beta: 6, Gamma: 3});
    const tui = await show(model);
    await tui.press('\t');
    await tui.press(DOWN);
    await tui.press(DOWN);
    expect(selectedRow(tui.frame())).toMatch(/›2 #Beta /);
    // Next slide: Beta climbs to the top.
    slide({Alpha: 2, Beta: 8, Gamma: 5});
    await until(tui.frame, (f) => f.includes('#Alpha') && / 2 ▼2/.test(f));
    expect(tui.frame()).toMatch(/1 #Beta .* 8 /);
    expect(selectedRow(tui.frame())).toMatch(/›1 #Beta /);
    // And the next: it drops out; the chart says so.
    slide({Alpha: 4, Gamma: 1});
    await until(tui.frame, (f) => !f.includes('#Beta '));
    expect(selectedRow(tui.frame())).toBeUndefined();
    expect(tui.frame()).toContain('#Beta left the top 10');
    // ↓ starts again from the top of what is listed.
    await tui.press(DOWN);
    expect(selectedRow(tui.frame())).toMatch(/›1 #Alpha /);
    await tui.press(UP);
    expect(selectedRow(tui.frame())).toMatch(/›1 #Alpha /);
  });

  it('opens the selected trend on Enter and goes back on Esc', async () => {
    const {model, slide} = slidingModel();
    slide({Alpha: 9, Beta: 6, Gamma: 3});
    const tui = await show(model);
    for (const key of ['\t', DOWN, DOWN, DOWN]) await tui.press(key);
    await tui.press('\r');
    expect(tui.frame()).toContain('#Gamma 3 in window');
    expect(tui.frame()).toContain('Posts with #Gamma');
    await tui.press('\u001b');
    expect(tui.frame()).not.toContain('Posts with');
    expect(tui.frame()).toContain('Posts/s');
  });

  it('filters the posts by a typed text; keys typed into it do nothing else; Esc clears', async () => {
    const {model} = slidingModel();
    model.handle({type: 'post', post: post(100, ['A'], 'quiet morning')});
    model.handle({type: 'post', post: post(101, ['A'], 'loud quarrel')});
    const tui = await show(model);
    // Typed in one burst: "q" must go to the filter, not quit.
    await tui.press('/qua');
    const frame = tui.frame();
    expect(frame).toContain('/qua_');
    expect(frame).toContain('loud quarrel');
    expect(frame).not.toContain('quiet morning');
    await tui.press('\r');
    expect(tui.frame()).toContain('/qua');
    expect(tui.frame()).not.toContain('/qua_');
    await tui.press('\u001b');
    expect(tui.frame()).toContain('quiet morning');
    expect(tui.frame()).not.toContain('/qua');
  });
});
