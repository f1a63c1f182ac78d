import {describe, expect, it} from 'vitest';
import {ClientQueue} from '../../source/ingest/client-queue.js';

const line = (text: string) => Buffer.from(`${text}\n`);
const drain = (queue: ClientQueue) => {
  const out: string[] = [];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    out.push(next.toString().trimEnd());
  }
  return out;
};

describe('ClientQueue', () => {
  it('gives lines back in the order they were queued, posts and statuses interleaved', () => {
    const queue = new ClientQueue({maxPosts: 10, maxBytes: 1000});
    queue.pushPost(line('p1'));
    queue.pushStatus(line('s1'));
    queue.pushPost(line('p2'));
    expect(drain(queue)).toEqual(['p1', 's1', 'p2']);
    expect(queue.length).toBe(0);
    expect(queue.bytes).toBe(0);
  });

  it('drops the oldest posts, never statuses, and counts them', () => {
    const queue = new ClientQueue({maxPosts: 3, maxBytes: 1000});
    queue.pushStatus(line('s1'));
    for (let i = 1; i <= 5; i++) queue.pushPost(line(`p${i}`));
    expect(queue.unreportedDrops).toBe(2);
    expect(queue.totalDrops).toBe(2);
    expect(drain(queue)).toEqual(['s1', 'p3', 'p4', 'p5']);
  });

  it('bounds bytes as well as posts', () => {
    const queue = new ClientQueue({maxPosts: 1000, maxBytes: 100});
    for (let i = 0; i < 50; i++) queue.pushPost(Buffer.alloc(30, 0x61));
    expect(queue.bytes).toBeLessThanOrEqual(100);
    expect(queue.length).toBe(3);
    expect(queue.totalDrops).toBe(47);
  });

  it('keeps only the most recent statuses of a stuck client', () => {
    const queue = new ClientQueue({maxPosts: 10, maxBytes: 1000, maxStatuses: 2});
    for (let i = 1; i <= 5; i++) queue.pushStatus(line(`s${i}`));
    expect(drain(queue)).toEqual(['s4', 's5']);
  });

  it('stays correct across many pushes and shifts (the array is compacted)', () => {
    const queue = new ClientQueue({maxPosts: 100, maxBytes: 1e9});
    let expected = 0;
    for (let i = 0; i < 10_000; i++) {
      queue.pushPost(line(String(i)));
      if (i % 3 === 0) {
        const next = queue.shift();
        // Drops happen once 100 are held; what comes out is always the oldest left.
        expect(Number(next?.toString())).toBeGreaterThanOrEqual(expected);
        expected = Number(next?.toString()) + 1;
      }
    }
    const rest = drain(queue).map(Number);
    expect(rest).toEqual([...rest].sort((a, b) => a - b));
    expect(rest.at(-1)).toBe(9999);
  });
});
