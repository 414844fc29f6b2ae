// Worker thread entry point of parse-parallel.ts: reads pieces of a bank until none is left.
import { parentPort, workerData } from 'node:worker_threads';
import { readPieces, type WorkerRequest } from './parse-parallel.js';

parentPort!.postMessage(readPieces(workerData as WorkerRequest));
