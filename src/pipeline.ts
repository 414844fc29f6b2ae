// The whole of mlq in a few lines: read -> parse -> validate -> emit.
import { access } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_CONFIG, loadConfig, type Config, type FormatName } from './config.js';
import { MlqError } from './errors.js';
import type { WriterOutput } from './writers/writer.js';
import { startWriters, writeAll, type StartedWriters } from './writers/parallel.js';
import type { Bank, Book, BookMeta } from './model.js';
import { textAt } from './links/since.js';
import { assembleBook } from './read/parse.js';
import { parseBankParallel } from './read/parse-parallel.js';
import type { ReadOptions } from './read/layouts/layout.js';
import { readSourceText, type SourceText } from './read/source.js';
import { shownPath } from './io/paths.js';
import { sourceDateOf } from './io/source-date.js';
import { repositoryOfBanks } from './io/repository.js';

export interface Inputs {
  /** mlq.yaml; by default source/mlq.yaml or ./mlq.yaml where they exist. */
  configFile?: string;
  /** Markdown banks given on the command line; they replace the config's list. */
  sources?: string[];
  /** Whether the book is for writers: it needs its source date and where its banks are edited (`check` does not). */
  dated?: boolean;
  /** The formats a build will write, once the config is known: their worker threads start while the banks are read. */
  writes?: (config: Config) => readonly FormatName[];
  /** A git ref: the book also gets the banks as they were there (`book.previous`). */
  since?: string;
}

export interface Loaded {
  config: Config;
  book: Book;
  /** The worker threads started for `writes`, to hand to `emit`. */
  writers?: StartedWriters;
  /** The text of each bank as it was read (`mlq fix` edits it), and how it was read. */
  texts: SourceText[];
  options: ReadOptions[];
}

export const DEFAULT_CONFIG_FILES = ['source/mlq.yaml', 'mlq.yaml'];

export async function load(inputs: Inputs): Promise<Loaded> {
  const config = await findConfig(inputs.configFile);
  const writers = inputs.writes && startWriters(inputs.writes(config));
  const fromConfig = !inputs.sources?.length;
  const given = fromConfig ? config.sources.map((s) => path.resolve(config.dir, s)) : inputs.sources!;
  // How to read each bank: as mlq.yaml says for its sources, else detected.
  const options = fromConfig ? config.sources.map((s) => config.sourceOptions[s] ?? {}) : given.map(() => ({}));
  const files = given.map(shownPath);
  // A bank the config lists but mlq cannot read is reported at its line of the config.
  const texts = await Promise.all(
    files.map((file, i) =>
      readSourceText(file).catch((error) => {
        const place = fromConfig ? config.sourcePlaces[i] : undefined;
        throw place && error instanceof MlqError ? new MlqError(`${place}: sources: ${error.message}`, error.exitCode) : error;
      }),
    ),
  );
  const sourceDate = inputs.dated ? await sourceDateOf(files) : '';
  const repository = inputs.dated ? await repositoryOfBanks(config, files) : undefined;
  const banks = await Promise.all(texts.map((text, i) => parseBankParallel(text, options[i]).catch((error) => refuseOverflow(text.file, error))));
  const book = assembleBook({ ...bookMeta(config, banks[0]?.title ?? '', sourceDate), ...(repository ? { repository } : {}) }, banks);
  // A bank with neither a `#` title nor a lone `##` one takes the book's title (that of mlq.yaml).
  for (const bank of book.banks) bank.title ||= book.meta.title;
  const empty = book.banks.find((bank) => bank.questions.length === 0);
  if (empty) {
    const unread = empty.explanation[0]!;
    throw new MlqError(/: no questions found: /.test(unread) ? unread : `${empty.file}: no questions found: the ${empty.layout} layout found question lines but no question in them (${unread})`);
  }
  if (inputs.since) book.previous = { ref: inputs.since, banks: await banksAt(inputs.since, book.meta, files, options) };
  return { config, book, texts, options, writers };
}

/**
 * Runs the writers side by side on the machine's cores (they are CPU-bound), reporting each as it
 * finishes, with the seconds since writing began.
 */
export function emit(
  book: Book,
  config: Config,
  formats: readonly FormatName[],
  onWritten: (format: FormatName, seconds: number) => void = () => {},
  writers?: StartedWriters,
): Promise<WriterOutput[]> {
  return writeAll(book, config, formats, onWritten, writers);
}

/** The banks that existed at a git ref, read as they were there, their ids made unique as then. */
async function banksAt(ref: string, meta: BookMeta, files: string[], options: ReadOptions[]): Promise<Bank[]> {
  const banks: Bank[] = [];
  for (const [i, file] of files.entries()) {
    const text = await textAt(ref, file);
    if (text !== null) banks.push(await parseBankParallel({ file, text }, options[i]).catch((error) => refuseOverflow(`${file} at ${ref}`, error)));
  }
  return assembleBook(meta, banks).banks;
}

async function findConfig(file: string | undefined): Promise<Config> {
  if (file) return loadConfig(file);
  for (const candidate of DEFAULT_CONFIG_FILES) {
    if (await access(candidate).then(() => true, () => false)) return loadConfig(candidate);
  }
  return DEFAULT_CONFIG;
}

/** Inline nesting (thousands of emphasis marks or tags) can still overflow the parser's stack. */
function refuseOverflow(file: string, error: unknown): never {
  // V8 says so as a RangeError, or as a SyntaxError when the overflow comes while it compiles a regular expression.
  if (error instanceof RangeError || /call stack|stack overflow/i.test(String((error as Error)?.message))) {
    throw new MlqError(`${file}: nested too deeply to read (thousands of nested emphasis marks, links or tags?)`);
  }
  throw error;
}

function bookMeta(config: Config, firstBankTitle: string, sourceDate: string): BookMeta {
  return { ...config.book, title: config.book.title || firstBankTitle || 'Interview Questions', sourceDate };
}
