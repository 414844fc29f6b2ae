// The writers of one build run side by side: the heaviest on worker threads (one per core, less one),
// the rest on this thread. A worker starts before the banks are read and loads its writer meanwhile (for
// the PDF: pdfmake, pdfkit, fontkit); the book, parsed once, is then copied to it, and it sends back only
// bytes (moved, not copied) and warnings.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { FORMAT_NAMES, type Config, type FormatName } from '../config.js';
import type { Book } from '../model.js';
import { assetReader } from '../io/assets.js';
import { FORMATS } from './index.js';
import type { OutputFile, WriterOutput } from './writer.js';

export interface WriteRequest {
  book: Book;
  config: Config;
}

export type WriteReply = { output: WriterOutput } | { failed: string };

/**
 * Heaviest first, as measured on the corpus and its 100x bank (seconds, 1x / 100x): pdf 0.6 / 20, epub
 * 0.25 / 4, apkg 0.1 / 2, json 0.05 / 1, csv 0.01 / 0.2. With two cores the PDF gets the worker and
 * the other four, together lighter, this thread.
 */
const HEAVIEST_FIRST: readonly FormatName[] = ['pdf', 'epub', 'apkg', 'json', 'csv'];

// Beside the bundle (lib/cli.js, built by `npm run bundle`); absent when running from the TypeScript
// sources, as under vitest, where every writer runs on this thread.
const WORKER = new URL('./write-worker.js', import.meta.url);
const canUseWorkers = import.meta.url.endsWith('.js') && existsSync(WORKER);

const debug = (message: string) => process.env.MLQ_DEBUG && process.stderr.write(`mlq: debug: ${message}\n`);

/** One writer, on this thread; `built` are the files of the other formats, for a writer that uses them. */
export async function writeHere(book: Book, config: Config, format: FormatName, built?: readonly OutputFile[]): Promise<WriterOutput> {
  return (await FORMATS[format].load()).write(book, { config, readAsset: assetReader(), built });
}

/** A worker thread started ahead for one format, and what it will send back (null: write it here). */
interface StartedWriter {
  worker: Worker;
  reply: Promise<WriterOutput | null>;
}

/** Worker threads started for a build before its book is read, by format. */
export type StartedWriters = ReadonlyMap<FormatName, StartedWriter>;

/** The formats that go to worker threads: MLQ_THREADS, or one per core, less one for this thread. */
function forWorkers(formats: readonly FormatName[]): FormatName[] {
  formats = formats.filter((format) => !FORMATS[format].usesOutputs);
  if (!canUseWorkers || formats.length < 2) return [];
  const threads = Math.floor(Number(process.env.MLQ_THREADS) || availableParallelism());
  const share = Math.min(formats.length - 1, Math.max(0, threads - 1));
  return [...formats].sort((a, b) => HEAVIEST_FIRST.indexOf(a) - HEAVIEST_FIRST.indexOf(b)).slice(0, share);
}

/**
 * Starts the worker threads of a build, which load their writers while this thread reads the banks.
 * They do not keep the process alive until they are given a book: a build that stops before writing
 * (validation errors, a refused output folder) exits as if they were not there.
 */
export function startWriters(formats: readonly FormatName[]): StartedWriters {
  const started = new Map<FormatName, StartedWriter>();
  for (const format of forWorkers(formats)) {
    try {
      const worker = new Worker(WORKER, { workerData: format });
      const reply = replyOf(worker, format);
      // After its listeners: listening to a worker's messages holds the process again.
      worker.unref();
      started.set(format, { worker, reply });
    } catch (error) {
      debug(`the ${format} worker could not be started (${(error as Error).message}); ${format} is written on the main thread`);
    }
  }
  return started;
}

/**
 * Writes every format, each reported to `onWritten` as it finishes, with the seconds since writing began;
 * the outputs come back in the order of `formats`, whichever thread wrote them.
 */
export async function writeAll(
  book: Book,
  config: Config,
  formats: readonly FormatName[],
  onWritten: (format: FormatName, seconds: number) => void,
  started: StartedWriters = startWriters(formats),
): Promise<WriterOutput[]> {
  const start = performance.now();
  const timed = async (format: FormatName, output: Promise<WriterOutput>) => {
    const done = await output;
    onWritten(format, (performance.now() - start) / 1000);
    return done;
  };
  try {
    const remote = new Map<FormatName, Promise<WriterOutput>>();
    for (const [format, { worker, reply }] of started) {
      if (!formats.includes(format)) continue;
      let output = reply;
      try {
        worker.ref();
        worker.postMessage({ book, config } satisfies WriteRequest);
      } catch (error) {
        // The book could not be copied to it (a tree nested too deeply).
        debug(`the ${format} worker could not be given the book (${(error as Error).message}); ${format} is written on the main thread`);
        output = Promise.resolve(null);
      }
      remote.set(format, timed(format, output.then((written) => written ?? writeHere(book, config, format))));
    }
    const outputs = new Map<FormatName, WriterOutput>();
    const last = formats.filter((format) => FORMATS[format].usesOutputs);
    // Their writers load now, not once the workers are done (this thread waits for them anyway); one that
    // fails to load fails again, and is reported, when it writes.
    for (const format of last) FORMATS[format].load().catch(() => {});
    // Lightest first, so that progress shows early.
    const here = formats.filter((name) => !remote.has(name) && !last.includes(name));
    for (const format of here.sort((a, b) => HEAVIEST_FIRST.indexOf(b) - HEAVIEST_FIRST.indexOf(a))) {
      outputs.set(format, await timed(format, writeHere(book, config, format)));
    }
    for (const [format, output] of remote) outputs.set(format, await output);
    for (const format of last) {
      const built = FORMAT_NAMES.flatMap((name) => outputs.get(name)?.files ?? []);
      outputs.set(format, await timed(format, writeHere(book, config, format, built)));
    }
    return formats.map((format) => outputs.get(format)!);
  } finally {
    for (const { worker } of started.values()) void worker.terminate();
  }
}

/**
 * What a worker wrote, or null when it failed, its reply could not be read, or it stopped: a worker is only
 * a speed-up, and the format is then written again on this thread, where an error is reported as usual.
 */
function replyOf(worker: Worker, format: FormatName): Promise<WriterOutput | null> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (output: WriterOutput | null, message: string) => {
      if (settled) return;
      settled = true;
      debug(message);
      resolve(output);
    };
    const failed = (what: string) => settle(null, `the ${format} worker ${what}; ${format} is written on the main thread`);
    const written = (output: WriterOutput) => settle(output, `${format} written on a worker thread`);
    worker.once('message', (reply: WriteReply) => ('output' in reply ? written(reply.output) : failed(`failed (${reply.failed})`)));
    worker.once('messageerror', (error) => failed(`sent a reply that could not be read (${error.message})`));
    worker.once('error', (error) => failed(`failed (${error.message})`));
    worker.once('exit', () => failed('stopped'));
  });
}
