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
  const banks = await Promise.all(texts.map((text, i) => parseBankParallel(text, options[i]).catch((error) => refuseOverflow(text.file, error))));
  const book = assembleBook(bookMeta(config, banks[0]?.title ?? '', sourceDate), banks);
  // A bank with neither a `#` title nor a lone `##` one takes the book's title (that of mlq.yaml).
  for (const bank of book.banks) bank.title ||= book.meta.title;
  const empty = book.banks.find((bank) => bank.questions.length === 0);
  if (empty) throw new MlqError(`${empty.file}: no questions found: the ${empty.layout} layout found question lines but no question in them (${empty.explanation[0]})`);
  return { config, book };
}

/**
 * A file as diagnostics name it: relative to the working directory, as GitHub annotations need, unless
 * that path would climb to the root (`../../../dev/null`): then as an absolute path.
 */
export function shownPath(file: string): string {
  const absolute = path.resolve(file);
  const relative = path.relative(process.cwd(), absolute);
  const climbs = relative.split(path.sep).filter((part) => part === '..').length;
  const depth = process.cwd().split(path.sep).filter(Boolean).length;
  return relative === '' ? file : climbs >= depth ? absolute : relative;
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

/**
 * SOURCE_DATE_EPOCH, else the banks' last commit, else their newest modification time. A bank edited since
 * its last commit is dated by its file: an Anki note is updated on re-import only when it is newer.
 */
async function sourceDateOf(files: string[]): Promise<string> {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch) {
    // The reproducible-builds specification: a malformed value must fail the build, not be ignored.
    // Up to the last second of year 9999: later dates have no plain ISO 8601 form for the outputs' metadata.
    const date = /^\d+$/.test(epoch) && Number(epoch) <= 253402300799 ? new Date(Number(epoch) * 1000) : null;
    if (!date) throw new MlqError(`SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, up to the year 9999, not "${epoch}"`);
    return date.toISOString();
  }
  const git = (...args: string[]) =>
    promisify(execFile)('git', [...args, '--', ...files.map((f) => path.resolve(f))], { cwd: path.dirname(path.resolve(files[0] ?? '.')) }).then(
      ({ stdout }) => stdout.trim(),
      () => '',
    );
  const [committed, changed] = await Promise.all([git('log', '-1', '--format=%ct'), git('status', '--porcelain')]);
  const times = await Promise.all(files.map(async (f) => (await stat(f)).mtimeMs));
  const modified = Math.floor(Math.max(...times) / 1000);
  const seconds = committed ? (changed ? Math.max(Number(committed), modified) : Number(committed)) : modified;
  return new Date(seconds * 1000).toISOString();
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
