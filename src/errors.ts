/** Exit codes, documented in README.md. */
export const EXIT_OK = 0;
export const EXIT_VALIDATION = 1;
export const EXIT_INPUT = 2;
export const EXIT_INTERNAL = 3;

/** A file-system error in a few words: "no such file", "permission denied", "is a directory". */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const words: Record<string, string> = { ENOENT: 'no such file', EACCES: 'permission denied', EISDIR: 'is a directory', ENOTDIR: 'not a folder' };
  return (code && words[code]) ?? code ?? String(error);
}

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
