// A failure the user must be told about in one line, with the status the process ends with.
// Thrown wherever the problem is found; caught once, at the top of the program, which prints
// the message and exits with its status — never a stack trace.

/** The exit statuses trendtui ends with, by meaning. */
export const ExitCode = {
  ok: 0,
  /** Something went wrong while running: a source gave up, a file could not be written. */
  failure: 1,
  /** Bad input: a flag, a config value, a file named on the command line. */
  usage: 2,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = ExitCode.usage,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
