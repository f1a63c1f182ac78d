// Turns one block of whole archive lines into the little a window needs from each post (event
// time, the counted kind's terms, author and id), in a compact form that crosses a worker boundary cheaply: typed arrays
// plus one flat list of tags. The same function runs in a worker or inline, so both paths
// count alike; parsing and filtering are the shared core's (scanLine, which reads X v2 lines
// by projection and every other line by parseLine; createPostFilter), so
// batch replay counts exactly what the server path counts.
import {scanLine} from '../core/parse/scan-x-v2.js';
import {createPostFilter, type PostFilterOptions} from '../core/query.js';
import type {TermKind} from '../core/terms/term-kind.js';
import {droppedWordsFor, termsOf} from '../core/terms/terms-of.js';
import {blockLines} from './block-lines.js';

export type PostBatch = {
  /** Block number in input order; batches are consumed in this order. */
  seq: number;
  /** Event time (epoch ms) of each kept post. */
  times: Float64Array;
  /** How many entries of `tags` belong to each kept post. */
  tagCounts: Uint16Array;
  /** The kept posts' terms of the counted kind (display form), post after post. */
  tags: string[];
  /** Each kept post's id. */
  ids: string[];
  /** Each kept post's author; '' when it has none. */
  authors: string[];
  lines: number;
  /** Lines that parsed as a post, a stream message or something deliberately ignored. */
  parsed: number;
  malformed: number;
  /** In-stream error messages (X `{"errors": …}`): reported, not posts. */
  streamErrors: number;
  /** Lines dropped for being too long. */
  oversized: number;
  /** The first malformed line's reason, for the end-of-run summary. */
  firstMalformed?: string;
};

export type BlockParserSettings = PostFilterOptions & {
  /** The `now` every line is parsed against, fixed for the run so all workers agree. */
  now: number;
  /** What is counted. */
  terms: TermKind;
};

export type BlockParser = (block: Uint8Array, seq: number) => PostBatch;

export function createBlockParser(settings: BlockParserSettings): BlockParser {
  const keep = createPostFilter(settings);
  const parseOptions = {now: settings.now};
  const queryWords = droppedWordsFor(settings.query);
  return (block, seq) => {
    const {bytes, starts, ends, oversized} = blockLines(block, seq === 0);

    let times = new Float64Array(Math.max(16, starts.length));
    let tagCounts = new Uint16Array(times.length);
    const tags: string[] = [];
    const ids: string[] = [];
    const authors: string[] = [];
    let posts = 0;
    let parsed = 0;
    let malformed = 0;
    let streamErrors = 0;
    let firstMalformed: string | undefined;
    for (let line = 0; line < starts.length; line++) {
      const result = scanLine(bytes, starts[line]!, ends[line]!, parseOptions);
      if (result.kind === 'malformed') {
        malformed++;
        firstMalformed ??= result.reason;
        continue;
      }
      parsed++;
      if (result.kind === 'stream-error') streamErrors++;
      if (result.kind !== 'posts') continue;
      for (const post of result.posts) {
        if (!keep(post)) continue;
        if (posts === times.length) {
          times = grow(times, new Float64Array(times.length * 2));
          tagCounts = grow(tagCounts, new Uint16Array(times.length));
        }
        times[posts] = post.createdAt;
        const terms = termsOf(post, settings.terms, queryWords);
        // A post carries one entry per term key; more than 65,535 is not a post but an attack,
        // and is cut rather than wrapped round.
        const count = Math.min(terms.length, 0xffff);
        tagCounts[posts] = count;
        for (let i = 0; i < count; i++) tags.push(terms[i]!);
        ids.push(post.id);
        authors.push(post.author ?? '');
        posts++;
      }
    }
    return {
      seq,
      times: times.slice(0, posts),
      tagCounts: tagCounts.slice(0, posts),
      tags,
      ids,
      authors,
      lines: starts.length + oversized,
      parsed,
      malformed,
      streamErrors,
      oversized,
      ...(firstMalformed === undefined ? {} : {firstMalformed}),
    };
  };
}

function grow<T extends Float64Array | Uint16Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
