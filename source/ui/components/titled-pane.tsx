// A pane of the size the layout gave it: a title row, then the pane's own rows. The panes title
// themselves through this, so every title is cut to the width and drawn in the glyphs chosen
// (`--ascii`) alike; a pane that drew its own once forgot the glyphs.
import React, {type ReactNode} from 'react';
import {Box} from 'ink';
import {SegmentLine, type Segment} from './segment-line.js';

type Props = {
  title: Segment[];
  width: number;
  /** Rows including the title row. */
  height: number;
  color: boolean;
  ascii: boolean;
  children?: ReactNode;
};

export function TitledPane({title, width, height, color, ascii, children}: Props) {
  return (
    <Box flexDirection="column" width={width} height={height}>
      <SegmentLine width={width} color={color} ascii={ascii} segments={title} />
      {children}
    </Box>
  );
}
