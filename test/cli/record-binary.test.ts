// `--record` as a user meets it: it never destroys a file, and never records into the archive
// it is replaying.
import {mkdtempSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {encodePost} from '../../source/core/protocol.js';
import {run} from './run-binary.js';

const post = (id: number) =>
  encodePost({
    id: String(id),
    createdAt: Date.UTC(2026, 0, 1, 0, 0, id),
    text: `stan lee #Marvel ${id}`,
    hashtags: ['Marvel'],
    cashtags: [],
    mentions: [],
    retweet: false,
  });

describe('--record', () => {
  it('refuses to record into the file being replayed (by any name) and leaves it intact', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'trendtui-record-'));
    const file = path.join(dir, 'a.jsonl');
    const archive = post(1) + post(2) + post(3);
    writeFileSync(file, archive);
    symlinkSync(file, path.join(dir, 'b.jsonl'));
    for (const target of [file, path.join(dir, 'b.jsonl')]) {
      const result = await run(['--replay', file, '--speed', '100', '--record', target]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^trendtui: --record ".*" is the file being replayed/);
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(readFileSync(file, 'utf8')).toBe(archive);
    }
  });

  it('appends to an existing recording instead of overwriting it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'trendtui-record-'));
    const source = path.join(dir, 'source.jsonl');
    writeFileSync(source, post(4) + post(5));
    const file = path.join(dir, 'session.jsonl');
    const earlier = post(1) + post(2);
    writeFileSync(file, earlier);
    const result = await run(['--replay', source, '--speed', '1000', '--record', file]);
    expect(result.code, result.stderr).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith(earlier)).toBe(true);
    const ids = text
      .trimEnd()
      .split('\n')
      .map((line) => (JSON.parse(line) as {id: string}).id);
    expect(ids).toEqual(['1', '2', '4', '5']);
  });
});
