// Long loops that only await promises (an async generator bursting posts, a batch writing
// windows) run entirely in microtasks and never let the event loop reach I/O: no socket is
// accepted or closed, no signal handler runs, until the loop ends. A loop that asks
// `turnDue()` as it goes and awaits `giveTurn()` when it says so stays responsive at the cost of
// one macrotask every few milliseconds.

export type EventLoopTurns = {
  /** True when the loop has held the event loop for longer than its budget. */
  turnDue(): boolean;
  /** Lets timers, I/O and signals run, then starts a new budget. */
  giveTurn(): Promise<void>;
};

export function eventLoopTurns(budgetMs = 20): EventLoopTurns {
  let since = performance.now();
  return {
    turnDue: () => performance.now() - since >= budgetMs,
    giveTurn: () =>
      new Promise((resolve) =>
        setImmediate(() => {
          since = performance.now();
          resolve();
        }),
      ),
  };
}
