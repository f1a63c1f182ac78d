// Archives for replay tests of the real binary: records written as JSON lines to a file in a
// fresh temporary directory.
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';

const ARCHIVE_START_MS = Date.UTC(2026, 0, 1, 12, 0, 0);

/** Writes `records`, one JSON line each, to `name` in a fresh directory; returns the file. */
export function writeArchive(records: readonly unknown[], name = 'posts.jsonl'): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'trendtui-archive-')), name);
  writeFileSync(file, records.map((record) => JSON.stringify(record)).join('\n') + '\n');
  return file;
}

/**
 * The plain time-ordered input: `count` wire-format posts `stepMs` apart from 2026-01-01 12:00
 * UTC, each with one of `tags` hashtags in turn (#Tag0, #Tag1, …).
 */
export function writeTaggedArchive(count: number, stepMs: number, tags: number): string {
  return writeArchive(
    Array.from({length: count}, (_, i) => ({
      type: 'post',
      id: String(i),
      created_at: new Date(ARCHIVE_START_MS + i * stepMs).toISOString(),
      text: `post ${i} #Tag${i % tags}`,
      hashtags: [`Tag${i % tags}`],
    })),
  );
}
