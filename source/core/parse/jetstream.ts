// Bluesky Jetstream events. Only the creation of an `app.bsky.feed.post` record is a post; likes,
// follows, deletes, identity and account events are recognised and skipped. Time is `time_us`,
// when Jetstream saw the event: the record's own `createdAt` is whatever the client claims.
import type {ParsedLine} from './parse-line.js';
import {extractHashtags, uniqueTags} from '../hashtags.js';
import {makePost, optionalString} from './make-post.js';

type Json = Record<string, unknown>;

const POST_COLLECTION = 'app.bsky.feed.post';
const TAG_FEATURE = 'app.bsky.richtext.facet#tag';

/** True when `value` looks like a Jetstream event. */
export function isJetstreamEvent(value: Json): boolean {
  return typeof value.kind === 'string' && typeof value.did === 'string';
}

export function parseJetstreamEvent(event: Json, now: number): ParsedLine {
  if (event.kind !== 'commit')
    return {kind: 'ignored', reason: `Jetstream ${String(event.kind)} event`};
  const commit = event.commit as Json | undefined;
  if (typeof commit !== 'object' || commit === null) {
    return {kind: 'malformed', reason: 'Jetstream commit event without a commit'};
  }
  if (commit.collection !== POST_COLLECTION || commit.operation !== 'create') {
    return {
      kind: 'ignored',
      reason: `Jetstream ${String(commit.operation)} of ${String(commit.collection)}`,
    };
  }
  const record = commit.record as Json | undefined;
  const rkey = optionalString(commit.rkey);
  if (typeof record !== 'object' || record === null || rkey === undefined) {
    return {kind: 'malformed', reason: 'Jetstream post without a record or rkey'};
  }
  // Image-only posts have empty text.
  const text = typeof record.text === 'string' ? record.text : '';
  const did = event.did as string;
  const timeUs = event.time_us;
  const createdAt =
    typeof timeUs === 'number' && Number.isFinite(timeUs) ? Math.floor(timeUs / 1000) : now;
  const langs = record.langs;
  const lang = Array.isArray(langs) ? optionalString(langs[0]) : undefined;
  return {
    kind: 'posts',
    posts: [makePost(`${did}/${rkey}`, createdAt, text, postTags(record, text), lang, did, false)],
  };
}

/**
 * Tag facets (the client's own reading of the text), then `record.tags` (extra tags not in the
 * text). Only a post with no tag facet at all has its text read for tags: some clients and bots
 * never write facets.
 */
function postTags(record: Json, text: string): string[] {
  const tags: string[] = [];
  let faceted = false;
  const facets = record.facets;
  if (Array.isArray(facets)) {
    for (const facet of facets as (Json | null)[]) {
      const features = facet?.features;
      if (!Array.isArray(features)) continue;
      for (const feature of features as (Json | null)[]) {
        if (feature?.$type !== TAG_FEATURE) continue;
        faceted = true;
        if (typeof feature.tag === 'string') tags.push(feature.tag);
      }
    }
  }
  if (!faceted) tags.push(...extractHashtags(text));
  const extra = record.tags;
  if (Array.isArray(extra)) {
    for (const tag of extra) if (typeof tag === 'string') tags.push(tag);
  }
  return tags.length === 0 ? tags : uniqueTags(tags);
}
