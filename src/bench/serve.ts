// `mlq serve`'s turnaround: in a copy of source/, an edit of one question's answer, then the time until the
// server serves that question's page with the edit in it (issue #24 item 7: target 300 ms).
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The question edited, by the words its answer opens with in the corpus. */
const ANSWER = 'If our model is too simple';
const EDITS = 3;
/** How often the page is asked for while the server rebuilds. */
const POLL_MS = 5;
/** Past this, the edit is taken as never served. */
const GIVE_UP_MS = 60_000;

const get = async (url: string) => (await fetch(url)).text();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The served page that holds `text`, found from the index's links. */
async function pageWith(base: string, text: string): Promise<string> {
  const index = await get(base);
  const pages = [...new Set([...index.matchAll(/href="([^"#?:]+\.html)"/g)].map((match) => new URL(match[1]!, base).href))];
  for (const page of [base, ...pages]) if ((await get(page)).includes(text)) return page;
  throw new Error(`bench serve: no page served holds "${text}"`);
}

/** Milliseconds from each edit's write to the first response of its page that has it; the median of EDITS. */
export async function benchServe(root: string, bin: string): Promise<{ seconds: number }> {
  const work = mkdtempSync(path.join(tmpdir(), 'mlq-bench-serve-'));
  cpSync(path.join(root, 'source'), path.join(work, 'source'), { recursive: true });
  const bank = path.join(work, 'source', 'README.md');
  const server = spawn(process.execPath, [bin, 'serve', '--port', '0'], { cwd: work, stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    const base = await new Promise<string>((resolve, reject) => {
      let out = '';
      server.stdout.on('data', (data: Buffer) => {
        const url = /http:\/\/127\.0\.0\.1:\d+\//.exec((out += data.toString()));
        if (url) resolve(url[0]);
      });
      server.once('exit', (code) => reject(new Error(`bench serve: mlq serve stopped (${code}) before it served`)));
    });
    const page = await pageWith(base, ANSWER);
    const times: number[] = [];
    for (let edit = 1; edit <= EDITS; edit++) {
      const mark = `benchmarkedit${edit}`;
      const text = readFileSync(bank, 'utf8');
      if (!text.includes(ANSWER)) throw new Error(`bench serve: the corpus no longer has "${ANSWER}"`);
      const start = performance.now();
      writeFileSync(bank, text.replace(ANSWER, `${mark} ${ANSWER}`));
      while (!(await get(page)).includes(mark)) {
        if (performance.now() - start > GIVE_UP_MS) throw new Error(`bench serve: edit ${edit} not served within ${GIVE_UP_MS / 1000} s`);
        await sleep(POLL_MS);
      }
      times.push(performance.now() - start);
      // Let the watcher settle before the next edit.
      await sleep(500);
    }
    return { seconds: times.sort((a, b) => a - b)[Math.floor(times.length / 2)]! / 1000 };
  } finally {
    server.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  }
}
