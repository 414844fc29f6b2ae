// What every writer is: a pure function from the book (and options) to named bytes.
import type { Config } from '../config.js';
import type { Book } from '../model.js';

export interface OutputFile {
  /** Path inside the output folder, e.g. "questions.json". */
  path: string;
  bytes: Uint8Array;
}

export interface WriterOutput {
  files: OutputFile[];
  /** Things the reader of the build log should know (e.g. a glyph no font has). */
  warnings: string[];
}

export interface Asset {
  bytes: Uint8Array;
  /** The file's real path: one file under several spellings (x.png, ./x.png) is one asset. */
  realPath: string;
}

export interface WriteContext {
  config: Config;
  /** Reads a local file that a bank refers to (an image), relative to that bank; null if missing. */
  readAsset(ref: string, fromFile: string): Promise<Asset | null>;
  /** The files the formats before this one wrote in the same build (the site offers them as downloads). */
  built?: readonly OutputFile[];
}

export interface Writer {
  write(book: Book, context: WriteContext): Promise<WriterOutput>;
}
