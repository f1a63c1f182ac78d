import {PassThrough} from 'node:stream';
import {describe, expect, it} from 'vitest';
import type {SourceEvent} from '../../../source/ingest/source.js';
import {createStdinSource} from '../../../source/ingest/sources/stdin.js';

describe('stdin source', () => {
  it('turns lines into posts as they arrive and ends when the producer does', async () => {
    const stdin = new PassThrough();
    const source = createStdinSource(stdin);
    const events: SourceEvent[] = [];
    const before = Date.now();
    const done = (async () => {
      for await (const event of source.events(new AbortController().signal)) {
        events.push(event);
        // Feed the next line only after the previous one came out: a live, line-by-line feed.
        if (event.type === 'post' && event.post.text.startsWith('first')) {
          stdin.write('{"broken": \n');
          stdin.write('second line with #Ｍａｒｖｅｌ and ＃StanLee\n');
          stdin.end();
        }
      }
    })();
    stdin.write('first line #StanLee');
    stdin.write(' continues\n');
    await done;
    const posts = events.flatMap((event) => (event.type === 'post' ? [event.post] : []));
    expect(posts.map((post) => post.text)).toEqual([
      'first line #StanLee continues',
      'second line with #Ｍａｒｖｅｌ and ＃StanLee',
    ]);
    expect(posts[0]?.hashtags).toEqual(['StanLee']);
    expect(posts[1]?.hashtags).toHaveLength(2);
    expect(posts[0]?.createdAt).toBeGreaterThanOrEqual(before);
    expect(events[0]).toMatchObject({type: 'status', status: {state: 'live'}});
    expect(events.at(-1)).toEqual({
      type: 'status',
      status: {state: 'ended', detail: 'stdin closed after 2 posts; 1 malformed line skipped'},
    });
  });

  it('stops on abort even while the producer is silent', async () => {
    const stdin = new PassThrough();
    const controller = new AbortController();
    const events: SourceEvent[] = [];
    const done = (async () => {
      for await (const event of createStdinSource(stdin).events(controller.signal)) {
        events.push(event);
      }
    })();
    setTimeout(() => controller.abort(), 30);
    await done;
    expect(events.map((event) => event.type)).toEqual(['status']);
  });
});
