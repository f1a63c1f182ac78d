// The scrolling list of posts, newest first. Only the rows that fit are rendered, and every
// author and text goes through the sanitiser first: post text is data from the network and must
// never reach the terminal as escape sequences or control characters.
import React from 'react';
import {Text} from 'ink';
import type {Post} from '../../core/post.js';
import {sanitizeForTerminal} from '../../core/sanitize.js';
import {fitToWidth, stringWidth, truncateToWidth} from '../fit-text.js';
import {formatClock} from './header.js';
import {glyphText} from '../glyphs.js';
import type {Segment} from './segment-line.js';
import {TitledPane} from './titled-pane.js';

type Props = {
  posts: Post[];
  /** How many of the newest posts are scrolled past. */
  offset: number;
  width: number;
  /** Rows including the title row. */
  height: number;
  color: boolean;
  ascii: boolean;
  /** Set when posts arrive faster than they are listed: the pane shows a sample. */
  sampled?: {listed: number; arriving: number};
  /** The pane has the keyboard focus. */
  focused?: boolean;
  /** An opened trend: only posts carrying it are listed. */
  carrying?: string;
  /** Posts are filtered by this text; `editing` while it is being typed. */
  filter?: string;
  editing?: boolean;
};

export function PostPane({
  posts,
  offset,
  width,
  height,
  color,
  ascii,
  sampled,
  focused = false,
  carrying,
  filter = '',
  editing = false,
}: Props) {
  const rows = Math.max(0, height - 1);
  const first = Math.max(0, Math.min(offset, posts.length - rows));
  const visible = posts.slice(first, first + rows);
  const authorWidth = Math.min(16, Math.max(6, Math.floor(width * 0.2)));
  const scrolled =
    first > 0
      ? ` · ${ascii ? 'up' : '↑'} ${first} newer`
      : posts.length > 0
        ? ' · newest first'
        : '';
  const title: Segment[] = [
    {text: carrying ? `Posts with ${carrying}` : 'Posts', bold: true, inverse: focused},
    ...(editing || filter !== ''
      ? [
          {
            text: ` /${sanitizeForTerminal(filter)}${editing ? '_' : ''}`,
            color: 'yellow',
          },
        ]
      : []),
    {text: scrolled, dim: true},
    ...(sampled
      ? [
          {
            text: ` · ${sampled.listed} of ${Math.round(sampled.arriving)} a second listed`,
            dim: true,
          },
        ]
      : []),
  ];
  return (
    <TitledPane width={width} height={height} color={color} ascii={ascii} title={title}>
      {visible.length === 0 ? (
        <Text dimColor={color}>
          {fitToWidth(
            glyphText(
              filter !== '' ? 'No post here matches the filter.' : 'Waiting for posts…',
              ascii,
            ),
            width,
            ascii,
          )}
        </Text>
      ) : null}
      {visible.map((post, i) => (
        <PostRow
          key={`${first + i}:${post.id}`}
          post={post}
          width={width}
          authorWidth={authorWidth}
          color={color}
          ascii={ascii}
        />
      ))}
    </TitledPane>
  );
}

function PostRow({
  post,
  width,
  authorWidth,
  color,
  ascii,
}: {
  post: Post;
  width: number;
  authorWidth: number;
  color: boolean;
  ascii: boolean;
}) {
  const time = formatClock(post.createdAt);
  const author = truncateToWidth(sanitizeForTerminal(post.author ?? '?'), authorWidth, ascii);
  // time, author and text separated by single spaces; the text gets what is left
  const textWidth = Math.max(0, width - time.length - stringWidth(author) - 2);
  const clean = sanitizeForTerminal(post.text);
  // Mark reposts, unless the text already says so (X retweet text starts "RT @…").
  const text = truncateToWidth(
    post.retweet && !/^RT\b/.test(clean) ? `RT ${clean}` : clean,
    textWidth,
    ascii,
  );
  return (
    <Text wrap="truncate-end">
      <Text dimColor={color}>{time}</Text>{' '}
      <Text color={color ? 'magenta' : undefined}>{author}</Text> {text}
    </Text>
  );
}
