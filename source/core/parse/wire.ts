// trendtui's own ingest wire protocol (v1) read as an archive: `post` lines are posts, already
// normalised, so a recorded session (`--record`) replays to identical counts; `hello` and
// `status` lines are session bookkeeping and are skipped, as are types a newer server may add.
// The post line itself is decoded by the protocol's one decoder.
import {decodePost} from '../protocol.js';
import type {ParsedLine} from './parse-line.js';

export function parseWireMessage(message: Record<string, unknown>): ParsedLine {
  if (message.type !== 'post') {
    return {kind: 'ignored', reason: `wire ${String(message.type)} message`};
  }
  const post = decodePost(message);
  return typeof post === 'string'
    ? {kind: 'malformed', reason: `wire ${post}`}
    : {kind: 'posts', posts: [post]};
}
