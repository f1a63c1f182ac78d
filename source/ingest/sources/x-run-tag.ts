// Whose filtered-stream rule is this? Every run that shares an X token shares the app's rules,
// so a run tags the rules it creates with its own id (`trendtui:PID@HOST:NONCE`) and leaves
// every other run's rule alone, unless that run is provably gone: it ran on this machine and its
// process no longer exists. A rule whose owner cannot be checked (another machine, an older
// trendtui's plain `trendtui` tag, another program) is never touched.
import {randomBytes} from 'node:crypto';
import os from 'node:os';

const RUN_TAG = /^trendtui:(\d+)@([^:]+):([0-9a-f]+)$/;

/** A host name as it goes into a tag: X limits a tag's length, a DNS label is 63 at most. */
function thisHost(): string {
  return os.hostname().replaceAll(/[:\s]/g, '_').slice(0, 63) || 'localhost';
}

/** A fresh tag for the rules of one run (one X source in one process). */
export function newRunTag(): string {
  return `trendtui:${process.pid}@${thisHost()}:${randomBytes(6).toString('hex')}`;
}

/** Whether `tag` names a run of trendtui (not an older trendtui's or another program's tag). */
export function isRunTag(tag: string | undefined): boolean {
  return tag !== undefined && RUN_TAG.test(tag);
}

/**
 * True only when `tag` names a trendtui run on this machine whose process is gone. A live
 * process with a reused id keeps the rule: a rule left too long costs a little, a rule deleted
 * under a live run silently stops its counts.
 */
export function isProvablyGone(tag: string | undefined): boolean {
  const match = tag === undefined ? null : RUN_TAG.exec(tag);
  if (!match || match[2] !== thisHost()) return false;
  try {
    process.kill(Number(match[1]), 0);
    return false;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
