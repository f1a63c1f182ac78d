// Text from the network is data, never terminal instructions: this turns any post text into one
// line that cannot move the cursor, retitle the window, clear the screen or reorder what follows.
import stripAnsi from 'strip-ansi';

// What strip-ansi leaves behind: every C0 control (ESC, BEL, BS, CR, …), DEL, every C1 control
// (the 8-bit CSI U+009B and friends), and the bidirectional overrides, embeddings and isolates
// that can visually reorder the rest of a terminal line. Zero-width joiners stay: emoji need them.
const CONTROL =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

// Line-breaking and other white space collapses to single spaces so a post stays on its row.
// Written to match only what must change (not every lone ASCII space), so ordinary text passes
// through the replace without a single match.
const SPACE_RUN = /(?:[^\S ]|\u0085)[\s\u0085]*| [\s\u0085]+/g;

/**
 * `text` well-formed (lone surrogates become U+FFFD), without ANSI/OSC/CSI escape sequences and
 * without any control character, with runs of
 * white space (newlines included) collapsed to one space and the ends trimmed.
 */
export function sanitizeForTerminal(text: string): string {
  // strip-ansi first, so a sequence is removed whole instead of leaving its printable tail
  // (`[2J`, `]0;title`) once the ESC byte alone is dropped.
  // Well-formed too: a lone surrogate (half an emoji, cut by a sender) is drawn as U+FFFD by
  // the terminal but measured as nothing; as U+FFFD it is measured as drawn.
  return stripAnsi(text.toWellFormed()).replace(CONTROL, '').replace(SPACE_RUN, ' ').trim();
}
