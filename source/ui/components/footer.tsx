// The bottom row: which pane has the focus, then the keys that act on it, most important first
// so a narrow terminal keeps the essentials.
import React from 'react';
import type {Focus} from '../keymap.js';
import {SegmentLine, type Segment} from './segment-line.js';

type Props = {
  width: number;
  color: boolean;
  ascii: boolean;
  focus?: Focus;
  /** A trend is open (Esc goes back). */
  open?: boolean;
  /** The post filter is being typed. */
  editing?: boolean;
  /** Keys can be read (false: no terminal at all, so none is offered). */
  keys?: boolean;
};

export function footerKeys(
  focus: Focus,
  open: boolean,
  editing: boolean,
  ascii: boolean,
): Array<[string, string]> {
  const arrows = ascii ? 'up/dn' : '↑↓';
  if (editing) {
    return [
      ['type', 'filter posts'],
      ['Enter', 'done'],
      ['Esc', 'clear'],
    ];
  }
  const back: Array<[string, string]> = open ? [['Esc', 'back']] : [];
  const here: Array<[string, string]> =
    focus === 'chart'
      ? [[arrows, 'select'], ['Enter', 'open'], ...back, ['Tab', 'posts']]
      : [[arrows, 'scroll'], ['/', 'filter'], ...back, ['Tab', 'chart']];
  return [
    ...here,
    ['q', 'quit'],
    ['?', 'help'],
    ['t', 'terms'],
    ['o', 'order'],
    ['+/-', 'window'],
    ['[/]', 'slide'],
    ['p', 'pause'],
    ['r', 'retweets'],
  ];
}

export function Footer({
  width,
  color,
  ascii,
  focus = 'posts',
  open = false,
  editing = false,
  keys: readable = true,
}: Props) {
  if (!readable) {
    const note = 'no keys: there is no terminal to read them from (stop with a signal)';
    return (
      <SegmentLine segments={[{text: note, dim: true}]} width={width} color={color} ascii={ascii} />
    );
  }
  const keys = footerKeys(focus, open, editing, ascii);
  const segments: Segment[] = [
    {text: editing ? 'filter' : focus, inverse: true, bold: true},
    ...keys.flatMap(([key, what]): Segment[] => [
      {text: '  ' + key, bold: true, color: 'cyan'},
      {text: ' ' + what},
    ]),
  ];
  return <SegmentLine segments={segments} width={width} color={color} ascii={ascii} />;
}
