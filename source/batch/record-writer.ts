// Writes pipe-mode records to the output as they are produced, waiting when the reader is slow
// (so a slow `| less` holds replay back instead of filling memory) and stopping at the first
// output error (a closed pipe) instead of throwing.

export class RecordWriter {
  readonly #output: NodeJS.WritableStream;
  #failure: Error | undefined;
  #wake: (() => void) | undefined;

  constructor(output: NodeJS.WritableStream) {
    this.#output = output;
    output.on('error', this.#onError);
    output.on('drain', this.#onDrain);
  }

  /** The output's error, once it has failed (EPIPE and the like). */
  get failure(): Error | undefined {
    return this.#failure;
  }

  /** Writes `text`; resolves false if the output has failed, once it can take more. */
  async write(text: string): Promise<boolean> {
    if (this.#failure) return false;
    if (text.length === 0) return true;
    if (!this.#output.write(text)) {
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
    }
    return this.#failure === undefined;
  }

  /** Stops listening to the output (it stays open: it is the caller's). */
  release(): void {
    this.#output.off('error', this.#onError);
    this.#output.off('drain', this.#onDrain);
    this.#onDrain();
  }

  readonly #onError = (error: Error) => {
    this.#failure ??= error;
    this.#onDrain();
  };

  readonly #onDrain = () => {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  };
}
