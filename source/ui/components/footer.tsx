// The bottom row: which pane has the focus, then the keys that act on it. What does not fit is
// left out whole (never cut mid-word), least useful first, and `? help` always stays: it lists
// every key.
import React from 'react';
import {stringWidth} from '../fit-text.js';
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
    // How to leave first: a narrow footer keeps those.
    return [
      ['Enter', 'done'],
      ['Esc', 'clear'],
      ['type', 'filter posts'],
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

/** Columns one key takes in the footer: two spaces, the key, a space, what it does. */
const keyWidth = ([key, what]: [string, string]) => 2 + stringWidth(key) + 1 + stringWidth(what);

/**
 * The keys that fit in `columns`, in their footer order. Taken by usefulness: `q` and `?` first
 * (help lists the rest), then the keys in the order given, stopping at the first that does not
 * fit, so what is shown is always the most useful prefix.
 */
export function fittingKeys(
  keys: Array<[string, string]>,
  columns: number,
): Array<[string, string]> {
  const first = keys.filter(([key]) => key === 'q' || key === '?');
  const byUse = [...first, ...keys.filter((entry) => !first.includes(entry))];
  const kept = new Set<[string, string]>();
  let used = 0;
  for (const entry of byUse) {
    const width = keyWidth(entry);
    if (used + width > columns) break;
    kept.add(entry);
    used += width;
  }
  return keys.filter((entry) => kept.has(entry));
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
  const label = editing ? 'filter' : focus;
  const keys = fittingKeys(footerKeys(focus, open, editing, ascii), width - stringWidth(label));
  const segments: Segment[] = [
    {text: label, inverse: true, bold: true},
    ...keys.flatMap(([key, what]): Segment[] => [
      {text: '  ' + key, bold: true, color: 'cyan'},
      {text: ' ' + what},
    ]),
  ];
  return <SegmentLine segments={segments} width={width} color={color} ascii={ascii} />;
}
