// A wire-format archive of `count` posts `stepMs` apart from 2026-01-01 12:00 UTC, each with one
// of `tags` hashtags in turn (#Tag0, #Tag1, …), written to a fresh temporary directory: the
// plain time-ordered input that replay tests of the real binary play.
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';

export const ARCHIVE_START_MS = Date.UTC(2026, 0, 1, 12, 0, 0);

export function writeTaggedArchive(count: number, stepMs: number, tags: number): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'trendtui-archive-')), 'posts.jsonl');
  const lines = Array.from({length: count}, (_, i) =>
    JSON.stringify({
      type: 'post',
      id: String(i),
      created_at: new Date(ARCHIVE_START_MS + i * stepMs).toISOString(),
      text: `post ${i} #Tag${i % tags}`,
      hashtags: [`Tag${i % tags}`],
    }),
  );
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}
