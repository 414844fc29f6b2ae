/** Exit codes, documented in README.md. */
export const EXIT_OK = 0;
export const EXIT_VALIDATION = 1;
export const EXIT_INPUT = 2;

/** An expected failure: printed as one line, without a stack trace. */
export class MlqError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_INPUT,
  ) {
    super(message);
    this.name = 'MlqError';
  }
}
