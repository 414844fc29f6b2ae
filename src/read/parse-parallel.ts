// Banks are read in pieces cut between two questions, so the Markdown tree of a piece is dropped as soon
// as its questions are built. The pieces of a large bank are shared by this thread and worker threads:
// each takes the next unread piece, so no thread waits while another still has a backlog.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Bank } from '../model.js';
import { MlqError } from '../errors.js';
import { bankPieces, finishBank, parseBankPart, unreadBank, type BankPart } from './parse.js';
import type { SourceText } from './source.js';
import { plural } from '../plural.js';
import type { Piece } from './split.js';
import { readingOf, type ReadOptions, type Reading } from './layouts/index.js';
import { addShared, sharedSums, Totals } from './tally.js';

/** Below this a worker's start-up (about 0.1 s) costs more than it saves. */
const WORKERS_FROM_CHARS = 1024 * 1024;

export interface WorkerRequest {
  file: string;
  reading: Reading;
  pieces: Piece[];
  /** The index of the next unread piece, shared by every thread reading the bank. */
  next: Int32Array;
  /** What the pieces read so far hold (tally.ts): past a limit per bank, no thread takes another piece. */
  sums: Int32Array;
}

/** The pieces a worker read, by index. */
export type WorkerReply = [index: number, part: BankPart][];

// Beside the bundle (lib/cli.js, built by `npm run bundle`); absent when running from the TypeScript
// sources, as under vitest, where banks are read on one thread.
const WORKER = new URL('./parse-worker.js', import.meta.url);
const canUseWorkers = import.meta.url.endsWith('.js') && existsSync(WORKER);

/** The items no other thread has taken, each taken only when the loop reaches it. */
export function* unclaimed<T>(items: readonly T[], next: Int32Array): Generator<[index: number, item: T]> {
  for (let index = Atomics.add(next, 0, 1); index < items.length; index = Atomics.add(next, 0, 1)) yield [index, items[index]!];
}

/** Reads pieces no other thread has taken, until none is left. */
export function readPieces(request: WorkerRequest): WorkerReply {
  const { file, reading, pieces, next } = request;
  const read: WorkerReply = [];
  for (const [index, piece] of unclaimed(pieces, next)) {
    try {
      const part = parseBankPart(file, piece, reading);
      read.push([index, part]);
      if (addShared(request.sums, part.tally)) Atomics.store(next, 0, pieces.length);
    } catch (error) {
      if (!(error instanceof MlqError)) throw error;
      // A refused piece is left unread, and no thread takes another: the pieces left are read in the bank's
      // order (parseBankParallel), so the refusal reported is the bank's first, whichever thread met one.
      Atomics.store(next, 0, pieces.length);
    }
  }
  return read;
}

/** A young generation larger than the default halves the time parsing spends collecting garbage. */
export const WORKER_LIMITS = { maxYoungGenerationSizeMb: 96 };

/** How many worker threads read a bank of this text besides this thread: MLQ_THREADS, or one per core, less one. */
export function workerCount(text: string): number {
  const threads = Number(process.env.MLQ_THREADS) || availableParallelism();
  return text.length >= WORKERS_FROM_CHARS ? Math.max(0, Math.floor(threads) - 1) : 0;
}

const debug = (message: string) => process.env.MLQ_DEBUG && process.stderr.write(`mlq: debug: ${message}\n`);

/** Reads a bank; one with no questions is refused after a scan of its lines, before any parsing. */
export async function parseBankParallel(source: SourceText, options: ReadOptions = {}): Promise<Bank> {
  const reading = readingOf(source.text, source.file, options);
  if (reading.refusal) return unreadBank(source.file, reading);
  const pieces = bankPieces(source.text, reading);
  const request: WorkerRequest = { file: source.file, reading, pieces, next: new Int32Array(new SharedArrayBuffer(4)), sums: sharedSums() };
  const parts = new Array<BankPart>(request.pieces.length);
  const workers: Worker[] = [];
  try {
    const replies = Array.from({ length: canUseWorkers ? workerCount(source.text) : 0 }, () => {
      const worker = new Worker(WORKER, { workerData: request, resourceLimits: WORKER_LIMITS });
      workers.push(worker);
      return replyOf(worker);
    });
    const mine = readPieces(request);
    const fromWorkers = (await Promise.all(replies)).flat();
    for (const [index, part] of [...mine, ...fromWorkers]) parts[index] = part;
    debug(`${source.file}: ${request.pieces.length} pieces, ${fromWorkers.length} read by ${plural(workers.length, 'worker thread')}`);
  } finally {
    for (const worker of workers) void worker.terminate();
  }
  // A worker is only a speed-up: the pieces left unread (refused, or taken by a worker that failed or whose
  // reply could not be copied back) are read here in order, where an error is reported like any other.
  // In the bank's order, so that a bank past a limit is refused at its first line past it, and no further.
  const totals = new Totals('bank');
  request.pieces.forEach((piece, index) => totals.counted((parts[index] ??= parseBankPart(source.file, piece, reading)), source.file));
  return finishBank(parts, reading);
}

/** What a worker read, or nothing when it failed, its reply could not be copied back, or it was stopped. */
function replyOf(worker: Worker): Promise<WorkerReply> {
  return new Promise((resolve) => {
    const failed = (what: string, error: Error) => {
      debug(`a parse worker ${what} (${error.message}); its pieces are read on the main thread`);
      resolve([]);
    };
    worker.once('message', resolve);
    worker.once('messageerror', (error) => failed('sent a reply that could not be read', error));
    worker.once('error', (error) => failed('failed', error));
    worker.once('exit', () => resolve([]));
  });
}
