// The least time any mlq stage can take on a bank: a fresh process that reads the file and parses it
// with remark-parse, remark-gfm and remark-math, in the same pieces and on as many threads as mlq, and does nothing
// else. `npm run bench` prints it beside the stages, so that a target below it is known to be out of reach.
import { readFileSync } from 'node:fs';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { parseMarkdown } from '../read/markdown.js';
import { unclaimed, WORKER_LIMITS, workerCount } from '../read/parse-parallel.js';
import { bankPieces } from '../read/parse.js';
import type { Piece } from '../read/split.js';

interface Job {
  pieces: Piece[];
  next: Int32Array;
}

function parseUnclaimed({ pieces, next }: Job): void {
  for (const [, piece] of unclaimed(pieces, next)) parseMarkdown(piece.text, piece);
}

if (isMainThread) {
  // Every bank at once, each with its own workers, as mlq reads them (pipeline.ts).
  await Promise.all(
    process.argv.slice(2).map(async (file) => {
      const text = readFileSync(file, 'utf8');
      const job: Job = { pieces: bankPieces(text), next: new Int32Array(new SharedArrayBuffer(4)) };
      const workers = Array.from({ length: workerCount(text) }, () => {
        const worker = new Worker(new URL(import.meta.url), { workerData: job, resourceLimits: WORKER_LIMITS });
        return new Promise((resolve, reject) => {
          worker.once('message', resolve);
          worker.once('error', reject);
        });
      });
      parseUnclaimed(job);
      await Promise.all(workers);
    }),
  );
} else {
  parseUnclaimed(workerData as Job);
  parentPort!.postMessage('done');
}
