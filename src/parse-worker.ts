// Worker thread entry point of parse-parallel.ts: reads one piece of a bank and sends the part back.
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerRequest } from './parse-parallel.js';
import { parseBankPart } from './parse.js';

const { file, piece } = workerData as WorkerRequest;
parentPort!.postMessage(parseBankPart(file, piece));
