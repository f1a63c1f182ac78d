// Bluesky Jetstream events. Only the creation of an `app.bsky.feed.post` record is a post; likes,
// follows, deletes, identity and account events are recognised and skipped. Time is `time_us`,
// when Jetstream saw the event: the record's own `createdAt` is whatever the client claims.
import type {ParsedLine} from './parse-line.js';
import {extractHashtags, uniqueTags} from '../hashtags.js';
import {extractCashtags, extractMentions} from '../text-entities.js';
import {makePost, optionalString} from './make-post.js';

type Json = Record<string, unknown>;

const POST_COLLECTION = 'app.bsky.feed.post';
const TAG_FEATURE = 'app.bsky.richtext.facet#tag';
const MENTION_FEATURE = 'app.bsky.richtext.facet#mention';

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
    posts: [
      makePost(
        `${did}/${rkey}`,
        createdAt,
        text,
        // Bluesky has no cashtag facet: those are always read from the text.
        {
          hashtags: postTags(record, text),
          cashtags: extractCashtags(text),
          mentions: postMentions(record, text),
        },
        lang,
        did,
        false,
      ),
    ],
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

/**
 * Mention facets name the account by DID; the handle is the text they cover, as written
 * (`@alice.bsky.social`), found by the facet's UTF-8 byte offsets. A post without mention facets
 * has its text read by twitter-text's rules.
 */
function postMentions(record: Json, text: string): string[] {
  const facets = record.facets;
  if (!Array.isArray(facets)) return extractMentions(text);
  let bytes: Buffer | undefined;
  let faceted = false;
  const handles: string[] = [];
  for (const facet of facets as (Json | null)[]) {
    const features = facet?.features;
    if (!Array.isArray(features)) continue;
    if (!(features as (Json | null)[]).some((feature) => feature?.$type === MENTION_FEATURE))
      continue;
    faceted = true;
    const index = facet?.index as Json | undefined;
    const start = index?.byteStart;
    const end = index?.byteEnd;
    if (typeof start !== 'number' || typeof end !== 'number' || !(start < end)) continue;
    bytes ??= Buffer.from(text, 'utf8');
    const handle = bytes.toString('utf8', start, Math.min(end, bytes.length)).replace(/^[@＠]/, '');
    if (handle.length > 0) handles.push(handle);
  }
  if (!faceted) return extractMentions(text);
  return handles.length > 1 ? uniqueTags(handles) : handles;
}
