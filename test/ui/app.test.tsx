import React from 'react';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {App, type AppProps} from '../../source/ui/app.js';
import {taggedPost, testModel} from './model-fixture.js';
import {renderTui, settle} from './render-tui.js';

const START = Date.UTC(2026, 10, 26, 12, 0, 0);

const post = (id: number, hashtags: string[], retweet = false) =>
  taggedPost(id, hashtags, {createdAt: START, retweet});

/** A model that has seen two slides' worth of posts and shows its first window. */
function filledModel() {
  let now = START;
  const model = testModel(() => now, {windowMs: 10_000, slideMs: 5_000});
  model.handle({type: 'link', link: {state: 'connected'}});
  model.handle({type: 'status', status: {state: 'live'}});
  let id = 0;
  for (let second = 0; second < 20; second++) {
    now = START + second * 1000;
    // early seconds: #old dominates; later: #fresh takes over
    const tag = second < 10 ? 'Old' : 'Fresh';
    for (let i = 0; i < 3; i++) model.handle({type: 'post', post: post(id++, [tag, 'StanLee'])});
    model.handle({type: 'post', post: post(id++, ['Retweeted'], true)});
  }
  now = START + 20_000;
  model.tick();
  return model;
}

/** The App, uncoloured, at columns×rows, on a filled model unless `props` brings its own. */
function showApp(columns: number, rows: number, props: Partial<AppProps> = {}) {
  return renderTui(
    <App model={props.model ?? filledModel()} color={false} ascii={false} {...props} />,
    {columns, rows},
  );
}

afterEach(() => {
  cleanup();
});

describe('App', () => {
  it('changes the window at once on + and remembers it', async () => {
    const remember = vi.fn();
    const tui = await showApp(80, 24, {onWindowChange: remember});
    expect(tui.frame()).toContain('10s/5s');
    expect(tui.frame()).toMatch(/#StanLee .* 30 /);
    await tui.press('+');
    expect(tui.frame()).toContain('20s/5s');
    expect(tui.frame()).toMatch(/#StanLee .* 60 /); // recounted over the longer window
    expect(tui.frame()).toContain('last 1m'); // the rate chart spans three windows (was 30s)
    expect(remember).toHaveBeenCalledWith(20_000, 5_000);
    await tui.press('-');
    await tui.press('-');
    expect(tui.frame()).toContain('10s/5s');
    await tui.press(']');
    expect(tui.frame()).toContain('10s/10s');
    expect(remember).toHaveBeenLastCalledWith(10_000, 10_000);
  });

  it('switches what is counted on t and how it is ordered on o, at once, and remembers both', async () => {
    const remember = vi.fn();
    const tui = await showApp(80, 24, {onCountingChange: remember});
    expect(tui.frame()).toContain('Top hashtags by posts');
    expect(tui.frame()).toMatch(/#StanLee .* 30 /);
    // Every post is by one account: ordered by accounts, each tag counts 1.
    await tui.press('o');
    expect(tui.frame()).toContain('Top hashtags by accounts');
    expect(tui.frame()).toMatch(/#StanLee .* 1$/m);
    expect(remember).toHaveBeenLastCalledWith({rank: 'accounts'});
    await tui.press('t');
    expect(tui.frame()).toContain('Top words by accounts');
    // `post 12` and the like: the posts' words, counted from the start, not from the key press.
    expect(tui.frame()).toMatch(/ post .* 1$/m);
    expect(remember).toHaveBeenLastCalledWith({terms: 'words'});
    await tui.press('o');
    expect(tui.frame()).toContain('Rising words');
    await tui.press('t');
    await tui.press('t');
    expect(tui.frame()).toContain('Rising mentions');
    expect(tui.frame()).toContain('duplicates 0');
  });

  it('opens help on ? and closes it on Esc', async () => {
    const tui = await showApp(80, 24);
    await tui.press('?');
    expect(tui.frame()).toContain('window longer / shorter');
    await tui.press('\u001b');
    await settle(50);
    expect(tui.frame()).not.toContain('window longer / shorter');
    expect(tui.frame()).toContain('#StanLee');
  });

  it('toggles retweets in the counts and the post list', async () => {
    const tui = await showApp(80, 30);
    expect(tui.frame()).toContain('#Retweeted');
    expect(tui.frame()).toContain('RT post');
    await tui.press('r');
    expect(tui.frame()).not.toContain('#Retweeted');
    expect(tui.frame()).not.toContain('RT post');
    expect(tui.frame()).toContain('retweets off');
  });

  it('freezes the panes while paused but keeps the header live', async () => {
    let now = START;
    const model = testModel(() => now, {query: '', windowMs: 10_000, slideMs: 5_000});
    const tui = await showApp(80, 24, {model, intervalMs: 10});
    await tui.press('p');
    expect(tui.frame()).toContain('PAUSED');
    model.handle({type: 'post', post: post(1, ['Hidden'])});
    now = START + 5_000;
    await settle(50);
    expect(tui.frame()).not.toContain('#Hidden');
    expect(tui.frame()).not.toContain('post 1');
    await tui.press(' ');
    await settle(50);
    expect(tui.frame()).not.toContain('PAUSED');
    expect(tui.frame()).toContain('#Hidden');
    expect(tui.frame()).toContain('post 1');
  });

  it('scrolls the post pane with the arrow keys', async () => {
    const tui = await showApp(80, 30);
    const firstPost = () =>
      tui
        .frame()
        .split('\n')
        .find((l) => / a (RT )?post \d+/.test(l));
    expect(firstPost()).toContain('post 79');
    await tui.press('\u001b[B');
    await tui.press('\u001b[B');
    expect(firstPost()).toContain('post 77');
    await tui.press('\u001b[A');
    expect(firstPost()).toContain('post 78');
  });

  it('reflows at once when the terminal is resized, down to the too-small message', async () => {
    const tui = await showApp(120, 40);
    expect(tui.frame().split('\n').length).toBeLessThanOrEqual(39);
    await tui.resize(40, 12);
    expect(tui.frame().split('\n').length).toBeLessThanOrEqual(11);
    expect(tui.frame()).toContain('#StanLee');
    await tui.resize(30, 10);
    expect(tui.frame().replace(/\s+/g, ' ')).toContain('Terminal too small');
  });

  it('quits on q and on Ctrl-C, even when the terminal is too small', async () => {
    for (const key of ['q', '\u0003']) {
      const onQuit = vi.fn();
      const tui = await showApp(30, 8, {onQuit});
      await tui.press(key);
      expect(onQuit).toHaveBeenCalledTimes(1);
      cleanup();
    }
  });
});
