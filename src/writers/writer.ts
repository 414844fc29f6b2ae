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

/** The image types a bank may hold (src/io/assets.ts), named by their bytes. */
export type ImageType = 'png' | 'jpeg' | 'gif' | 'webp' | 'avif';

export interface Asset {
  bytes: Uint8Array;
  /** The file's real path: one file under several spellings (x.png, ./x.png) is one asset. */
  realPath: string;
  /** What its bytes are, which is also what its name says. */
  type: ImageType;
}

/** Reads a local image that a bank refers to, relative to that bank; or says why it is not read. */
export type ReadAsset = (ref: string, fromFile: string) => Promise<Asset | string>;

export interface WriteContext {
  config: Config;
  readAsset: ReadAsset;
  /** The files the formats before this one wrote in the same build (the site offers them as downloads). */
  built?: readonly OutputFile[];
}

export interface Writer {
  write(book: Book, context: WriteContext): Promise<WriterOutput>;
}
