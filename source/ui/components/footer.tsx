// The bottom row: the keys, most important first so a narrow terminal keeps the essentials.
import React from 'react';
import {SegmentLine, type Segment} from './segment-line.js';

type Props = {width: number; color: boolean; ascii: boolean};

export function Footer({width, color, ascii}: Props) {
  const keys: Array<[string, string]> = [
    ['q', 'quit'],
    ['?', 'help'],
    ['+/-', 'window'],
    ['[/]', 'slide'],
    ['p', 'pause'],
    ['r', 'retweets'],
    [ascii ? 'up/dn' : '↑↓', 'scroll'],
  ];
  const segments: Segment[] = keys.flatMap(([key, what], i) => [
    {text: (i === 0 ? '' : '  ') + key, bold: true, color: 'cyan'},
    {text: ' ' + what},
  ]);
  return <SegmentLine segments={segments} width={width} color={color} />;
}
