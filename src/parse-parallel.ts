// Large banks are read on every core: the text is cut before question headings, each piece is read
// by a worker thread (the first on this thread), and the parts are merged in order.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Bank } from './model.js';
import { mergeBankParts, parseBank, parseBankPart, type BankPiece } from './parse.js';
import type { SourceText } from './read.js';
import { cutAtHeadings } from './split.js';

/** Below this a worker's start-up costs more than it saves. */
const MIN_PIECE_CHARS = 512 * 1024;
const QUESTION_LINE = /^#{3,4}[ \t]+\d+[ \t]*[.)]/;

export interface WorkerRequest {
  file: string;
  piece: BankPiece;
}

// Beside the bundle (lib/cli.js, built by `npm run prepare`); absent when running from the TypeScript
// sources, as under vitest, where banks are read on one thread.
const WORKER = new URL('./parse-worker.js', import.meta.url);
const canUseWorkers = import.meta.url.endsWith('.js') && existsSync(WORKER);

export async function parseBankParallel(source: SourceText): Promise<Bank> {
  const cores = availableParallelism();
  const pieces =
    canUseWorkers && cores > 1 && source.text.length >= 2 * MIN_PIECE_CHARS
      ? // Cut only between two questions, so that every section heading stays with the questions it opens.
        cutAtHeadings(source.text, Math.max(MIN_PIECE_CHARS, Math.ceil(source.text.length / cores)), (heading, previous) =>
          Boolean(previous && QUESTION_LINE.test(heading.text) && QUESTION_LINE.test(previous.text)),
        )
      : [];
  if (pieces.length < 2) return parseBank(source);
  const [first, ...rest] = pieces as [BankPiece, ...BankPiece[]];
  const others = rest.map((piece) => inWorker(WORKER, { file: source.file, piece }));
  const head = parseBankPart(source.file, first);
  return mergeBankParts([head, ...(await Promise.all(others))]);
}

function inWorker(url: URL, request: WorkerRequest): Promise<Bank> {
  return new Promise((resolve, reject) => {
    // A young generation larger than the default halves the time parsing spends collecting garbage.
    const worker = new Worker(url, { workerData: request, resourceLimits: { maxYoungGenerationSizeMb: 96 } });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`parse worker exited with code ${code}`)));
  });
}
