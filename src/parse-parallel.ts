// Large banks are read on every core: the text is cut before question headings, each piece is read
// by a worker thread (the first on this thread), and the parts are merged in order.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Bank } from './model.js';
import { isQuestionLine, mergeBankParts, parseBank, parseBankPart, type BankPart } from './parse.js';
import type { SourceText } from './read.js';
import { cutAtHeadings, type Piece } from './split.js';

/** Below this a worker's start-up costs more than it saves. */
const MIN_PIECE_CHARS = 512 * 1024;

export interface WorkerRequest {
  file: string;
  piece: Piece;
}

// Beside the bundle (lib/cli.js, built by `npm run prepare`); absent when running from the TypeScript
// sources, as under vitest, where banks are read on one thread.
const WORKER = new URL('./parse-worker.js', import.meta.url);
const canUseWorkers = import.meta.url.endsWith('.js') && existsSync(WORKER);

/**
 * Cuts a bank into about `count` pieces of at least MIN_PIECE_CHARS, only between two questions, so
 * that every section heading stays with the questions it opens.
 */
export function bankPieces(text: string, count: number): Piece[] {
  if (count < 2 || text.length < 2 * MIN_PIECE_CHARS) return [{ text, line: 1, offset: 0 }];
  return cutAtHeadings(text, Math.max(MIN_PIECE_CHARS, Math.ceil(text.length / count)), (heading, previous) =>
    Boolean(previous && isQuestionLine(heading.text) && isQuestionLine(previous.text)),
  );
}

export async function parseBankParallel(source: SourceText): Promise<Bank> {
  const pieces = canUseWorkers ? bankPieces(source.text, availableParallelism()) : [];
  if (pieces.length < 2) return parseBank(source);
  const [first, ...rest] = pieces as [Piece, ...Piece[]];
  const others = rest.map((piece) => inWorker(WORKER, { file: source.file, piece }));
  const head = parseBankPart(source.file, first);
  return mergeBankParts([head, ...(await Promise.all(others))]);
}

function inWorker(url: URL, request: WorkerRequest): Promise<BankPart> {
  return new Promise((resolve, reject) => {
    // A young generation larger than the default halves the time parsing spends collecting garbage.
    const worker = new Worker(url, { workerData: request, resourceLimits: { maxYoungGenerationSizeMb: 96 } });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`parse worker exited with code ${code}`)));
  });
}
