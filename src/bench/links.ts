// Link-check speed: 300 distinct URLs on a loopback server that answers after 100 ms, checked cold
// (target: within 5 s), then again from the cache (target: within 0.5 s).
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runLinkCheck } from '../links/index.js';
import { parseBook } from '../read/parse.js';

const URLS = 300;
const ANSWER_DELAY_MS = 100;

export async function benchLinks(): Promise<{ coldSeconds: number; cachedSeconds: number; urls: number }> {
  const server = http.createServer((_req, res) => void setTimeout(() => res.end('ok'), ANSWER_DELAY_MS));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const dir = await mkdtemp(path.join(tmpdir(), 'mlq-bench-links-'));
  try {
    const questions = Array.from({ length: URLS }, (_, i) => `#### ${i + 1}) Question ${i + 1}? [[src]](${base}/page/${i})\n\nAnswer ${i + 1}.\n`);
    const text = `# Benchmark Questions\n\n${questions.join('\n')}`;
    const book = parseBook({
      meta: { title: 'Bench', subtitle: '', authors: [], language: 'en', license: '', upstream: '', description: '', subjects: [], sourceDate: '' },
      sources: [{ file: 'bench.md', text }],
    });
    const options = { book, allowPrivate: true, cacheFile: path.join(dir, 'link-cache.json') };
    const timed = async () => {
      const start = performance.now();
      const result = await runLinkCheck(options);
      const failed = result.verdicts.filter((v) => v.state !== 'ok');
      if (result.verdicts.length !== URLS || failed.length > 0) throw new Error(`bench links: ${failed.length} of ${URLS} URLs not ok`);
      return { seconds: (performance.now() - start) / 1000, result };
    };
    const cold = await timed();
    const cached = await timed();
    if (cached.result.fromCache !== URLS) throw new Error(`bench links: only ${cached.result.fromCache} of ${URLS} from the cache`);
    return { coldSeconds: cold.seconds, cachedSeconds: cached.seconds, urls: URLS };
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  }
}
