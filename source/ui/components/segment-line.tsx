// One terminal row built from styled pieces, cut to the pane's width by display columns, with an
// optional piece pinned to the right edge. Every pane draws its rows through this, so no row can
// wrap and push the frame past the height the layout gave it.
import React from 'react';
import {Text} from 'ink';
import {stringWidth, truncateToWidth} from '../fit-text.js';
import {glyphText} from '../glyphs.js';

export type Segment = {
  text: string;
  color?: string;
  bold?: boolean;
  dim?: boolean;
  inverse?: boolean;
};

type Props = {
  segments: Segment[];
  width: number;
  right?: Segment;
  /** When false, styles that need colour are dropped (bold and inverse stay). */
  color: boolean;
  /** Only ASCII symbols (see glyphs.ts). */
  ascii?: boolean;
};

export function SegmentLine({segments, width, right, color, ascii = false}: Props) {
  const rightWidth = right ? stringWidth(right.text) : 0;
  const room = right && rightWidth + 1 <= width ? width - rightWidth - 1 : width;
  const shown = fitSegments(
    ascii ? segments.map((s) => ({...s, text: glyphText(s.text, true)})) : segments,
    room,
    ascii,
  );
  const usedWidth = shown.reduce((sum, s) => sum + stringWidth(s.text), 0);
  const pad = Math.max(0, width - usedWidth - (right && room < width ? rightWidth : 0));
  return (
    <Text wrap="truncate-end">
      {shown.map((s, i) => (
        <Styled key={i} segment={s} color={color} />
      ))}
      {right && room < width ? (
        <>
          {' '.repeat(pad)}
          <Styled segment={right} color={color} />
        </>
      ) : null}
    </Text>
  );
}

function Styled({segment, color}: {segment: Segment; color: boolean}) {
  return (
    <Text
      color={color ? segment.color : undefined}
      bold={segment.bold}
      dimColor={color ? segment.dim : undefined}
      inverse={segment.inverse}
    >
      {segment.text}
    </Text>
  );
}

/** The segments cut so that together they take at most `width` columns. */
export function fitSegments(segments: Segment[], width: number, ascii = false): Segment[] {
  const out: Segment[] = [];
  let left = width;
  for (const segment of segments) {
    if (left <= 0) break;
    const w = stringWidth(segment.text);
    if (w <= left) {
      out.push(segment);
      left -= w;
    } else {
      out.push({...segment, text: truncateToWidth(segment.text, left, ascii)});
      break;
    }
  }
  return out;
}
