// The whole of mlq in a few lines: read -> parse -> validate -> emit.
import { execFile } from 'node:child_process';
import { access, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_CONFIG, loadConfig, type Config, type FormatName } from './config.js';
import { MlqError } from './errors.js';
import type { WriteContext, WriterOutput } from './writers/writer.js';
import { FORMATS } from './writers/index.js';
import type { Book, BookMeta } from './model.js';
import { assembleBook } from './read/parse.js';
import { parseBankParallel } from './read/parse-parallel.js';
import { readSourceText } from './read/source.js';

export interface Inputs {
  /** mlq.yaml; by default source/mlq.yaml or ./mlq.yaml where they exist. */
  configFile?: string;
  /** Markdown banks given on the command line; they replace the config's list. */
  sources?: string[];
  /** Whether the book needs its source date (writers do; `check` does not). */
  dated?: boolean;
}

export interface Loaded {
  config: Config;
  book: Book;
}

export const DEFAULT_CONFIG_FILES = ['source/mlq.yaml', 'mlq.yaml'];

export async function load(inputs: Inputs): Promise<Loaded> {
  const config = await findConfig(inputs.configFile);
  const fromConfig = !inputs.sources?.length;
  const given = fromConfig ? config.sources.map((s) => path.resolve(config.dir, s)) : inputs.sources!;
  // How to read each bank: as mlq.yaml says for its sources, else detected.
  const options = fromConfig ? config.sources.map((s) => config.sourceOptions[s] ?? {}) : given.map(() => ({}));
  // Diagnostics name files relative to the working directory, as GitHub annotations need.
  const files = given.map((f) => path.relative(process.cwd(), path.resolve(f)) || f);
  const texts = await Promise.all(files.map(readSourceText));
  const sourceDate = inputs.dated ? await sourceDateOf(files) : '';
  const banks = await Promise.all(texts.map((text, i) => parseBankParallel(text, options[i]).catch((error) => refuseOverflow(text.file, error))));
  const book = assembleBook(bookMeta(config, banks[0]?.title ?? '', sourceDate), banks);
  // A bank with neither a `#` title nor a lone `##` one takes the book's title (that of mlq.yaml).
  for (const bank of book.banks) bank.title ||= book.meta.title;
  const empty = book.banks.find((bank) => bank.questions.length === 0);
  if (empty) {
    const unread = empty.explanation[0]!;
    throw new MlqError(/: no questions found: /.test(unread) ? unread : `${empty.file}: no questions found: the ${empty.layout} layout found question lines but no question in them (${unread})`);
  }
  return { config, book };
}

/** Runs the writers one after another (they are CPU-bound), reporting each as it finishes. */
export async function emit(
  book: Book,
  config: Config,
  formats: readonly FormatName[],
  onWritten: (format: FormatName, seconds: number) => void = () => {},
): Promise<WriterOutput[]> {
  const context: WriteContext = { config, readAsset };
  const outputs: WriterOutput[] = [];
  for (const name of formats) {
    const start = performance.now();
    outputs.push(await (await FORMATS[name].load()).write(book, context));
    onWritten(name, (performance.now() - start) / 1000);
  }
  return outputs;
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
  if (error instanceof RangeError || /call stack/i.test(String((error as Error)?.message))) {
    throw new MlqError(`${file}: nested too deeply to read (thousands of nested emphasis marks, links or tags?)`);
  }
  throw error;
}

function bookMeta(config: Config, firstBankTitle: string, sourceDate: string): BookMeta {
  return { ...config.book, title: config.book.title || firstBankTitle || 'Interview Questions', sourceDate };
}

/** SOURCE_DATE_EPOCH, else the banks' last commit, else their newest modification time. */
async function sourceDateOf(files: string[]): Promise<string> {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch) {
    // The reproducible-builds specification: a malformed value must fail the build, not be ignored.
    // Up to the last second of year 9999: later dates have no plain ISO 8601 form for the outputs' metadata.
    const date = /^\d+$/.test(epoch) && Number(epoch) <= 253402300799 ? new Date(Number(epoch) * 1000) : null;
    if (!date) throw new MlqError(`SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, up to the year 9999, not "${epoch}"`);
    return date.toISOString();
  }
  const git = await promisify(execFile)('git', ['log', '-1', '--format=%ct', '--', ...files.map((f) => path.resolve(f))], {
    cwd: path.dirname(path.resolve(files[0] ?? '.')),
  }).then(
    ({ stdout }) => stdout.trim(),
    () => '',
  );
  if (git) return new Date(Number(git) * 1000).toISOString();
  const times = await Promise.all(files.map(async (f) => (await stat(f)).mtimeMs));
  return new Date(Math.floor(Math.max(...times) / 1000) * 1000).toISOString();
}

/** Images beyond this are not embedded: a bank's figures are small, and /dev/zero is not a figure. */
const MAX_ASSET_BYTES = 16 * 1024 * 1024;

/**
 * A local image of a bank: only a regular file under the bank's own folder, so that a contribution cannot
 * make the build read /etc/passwd, wait on a named pipe or swallow a device.
 */
async function readAsset(ref: string, fromFile: string): Promise<Uint8Array | null> {
  let decoded: string;
  try {
    decoded = decodeURI(ref);
  } catch {
    return null;
  }
  // Real paths: a symbolic link in the bank's folder must not lead out of it.
  const folder = await realpath(path.dirname(fromFile)).catch(() => null);
  const file = folder && (await realpath(path.resolve(folder, decoded)).catch(() => null));
  if (!folder || !file?.startsWith(folder + path.sep)) return null;
  const info = await stat(file).catch(() => null);
  if (!info?.isFile() || info.size > MAX_ASSET_BYTES) return null;
  return readFile(file).catch(() => null);
}
