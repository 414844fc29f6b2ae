// Worker thread entry point of parallel.ts: loads the writer of one format, then writes the book it is given.
import { parentPort, workerData } from 'node:worker_threads';
import type { FormatName } from '../config.js';
import { writeHere, type WriteReply, type WriteRequest } from './parallel.js';
import { FORMATS } from './index.js';

const format = workerData as FormatName;
// Loaded while the main thread still reads the banks; writeHere finds it loaded.
await FORMATS[format].load();
parentPort!.once('message', async ({ book, config }: WriteRequest) => {
  const reply: WriteReply = await writeHere(book, config, format).then(
    (output) => ({ output }),
    (error: unknown) => ({ failed: error instanceof Error ? error.message : String(error) }),
  );
  // Bytes that fill a buffer of their own are moved, not copied; any other (a slice of a shared pool) is copied.
  const whole = (bytes: Uint8Array) => bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  const moved = 'output' in reply ? [...new Set(reply.output.files.filter((f) => whole(f.bytes)).map((f) => f.bytes.buffer as ArrayBuffer))] : [];
  parentPort!.postMessage(reply, moved);
});
