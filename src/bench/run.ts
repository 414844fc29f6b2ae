// `npm run bench`: wall time and peak memory of each stage, at 1x and 100x the corpus, beside the floor
// (start-up and parsing alone); pandoc's EPUB of the same bank for comparison; the link checker against a
// slow loopback server, cold and from its cache.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FORMAT_NAMES } from '../config.js';
import { multiplyBank } from './banks.js';
import { benchLinks } from './links.js';
import { pandocEpubSeconds } from './pandoc.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'bin/mlq.js');
const PEAK = path.join(ROOT, 'lib/bench/peak.js');
const PARSE_ONLY = path.join(ROOT, 'lib/bench/parse-only.js');
/** mlq finished its work: 0, or 1 when the bank has validation errors. */
const MLQ_DONE = [0, 1];

interface Row {
  stage: string;
  size: string;
  /** Null when the stage could not run (pandoc not installed). */
  seconds: number | null;
  peakMb: number | null;
  target: string;
}

/** Each stage runs this many times (MLQ_BENCH_RUNS, default 3) and the median run is reported. */
const RUNS = Math.max(1, Number(process.env.MLQ_BENCH_RUNS ?? 3));

async function median<T extends { seconds: number | null }>(run: () => T | Promise<T>): Promise<T> {
  const runs: T[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await run());
  return runs.sort((a, b) => (a.seconds ?? 0) - (b.seconds ?? 0))[Math.floor(runs.length / 2)]!;
}

/**
 * Runs a script (`mlq` itself, or the parse-only floor) as a fresh process, a cold start as in CI, and
 * measures it. Any other exit code than `exitCodes` means the run failed: its time would mean nothing.
 */
function timeScript(script: string, args: string[], work: string, exitCodes = [0]): { seconds: number; peakMb: number } {
  const peakFile = path.join(work, 'peak');
  const start = performance.now();
  const run = spawnSync(process.execPath, ['--import', PEAK, script, ...args], {
    cwd: ROOT,
    env: { ...process.env, MLQ_PEAK_FILE: peakFile, SOURCE_DATE_EPOCH: '1700000000', CI: 'true' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = (performance.now() - start) / 1000;
  if (!exitCodes.includes(run.status ?? -1)) throw new Error(`${path.basename(script)} ${args.join(' ')} failed: ${run.stderr}`);
  return { seconds, peakMb: Number(readFileSync(peakFile, 'utf8')) / 1024 };
}

const TARGETS: Record<string, Record<string, string>> = {
  check: { '1x': '<= 0.4 s', '100x': '<= 3 s, < 500 MB' },
  pdf: { '1x': '<= 2 s', '100x': '< 2048 MB' },
};

/** How many times faster than pandoc mlq's EPUB stage should be, per size. */
const PANDOC_SPEEDUP: Record<string, number> = { '1x': 1, '100x': 4 };

/** "mlq 2.10x faster" or "mlq 1.50x slower" than pandoc, with the target where the size has one. */
function pandocTarget(size: string, mlqSeconds: number, pandocSeconds: number | null): string {
  if (pandocSeconds === null) return 'pandoc not installed';
  const speedup = pandocSeconds / mlqSeconds;
  const ratio = speedup >= 1 ? `mlq ${speedup.toFixed(2)}x faster` : `mlq ${(1 / speedup).toFixed(2)}x slower`;
  const wanted = PANDOC_SPEEDUP[size];
  const target = wanted === undefined ? '' : wanted === 1 ? '; target: no slower' : `; target: >= ${wanted}x faster`;
  return `${ratio}${target}`;
}

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(tmpdir(), 'mlq-bench-'));
  // Both banks of the book, the second (NLP) with its TeX: every stage also pays for the math.
  const corpus = ['README.md', 'NLP/README.md'].map((file) => readFileSync(path.join(ROOT, 'source', file), 'utf8'));
  const sizes = (process.env.MLQ_BENCH_SIZES ?? '1,100').split(',').map(Number);
  const print = (row: Row) => {
    const peak = row.peakMb === null ? '' : `${row.peakMb.toFixed(0)} MB`;
    const wall = row.seconds === null ? '-' : `${row.seconds.toFixed(2)} s`;
    console.log(`${row.stage.padEnd(14)} ${row.size.padStart(8)} ${wall.padStart(9)} ${peak.padStart(9)}   ${row.target}`);
  };
  console.log(`median of ${RUNS} run(s) per stage, each a fresh process`);
  console.log(`${'stage'.padEnd(14)} ${'size'.padStart(8)} ${'wall'.padStart(9)} ${'peak'.padStart(9)}   target`);
  for (const times of sizes) {
    const size = `${times}x`;
    const banks = corpus.map((text, i) => {
      const bank = path.join(work, `bank-${i + 1}-${size}.md`);
      writeFileSync(bank, multiplyBank(text, times));
      return bank;
    });
    const sources = banks.flatMap((bank) => ['--source', bank]);
    const out = path.join(work, `dist-${size}`);
    const parsed = await median(() => timeScript(PARSE_ONLY, banks, work));
    print({ stage: 'parse only', size, seconds: parsed.seconds, peakMb: parsed.peakMb, target: 'the floor: start-up and remark parse, no more' });
    const check = await median(() => timeScript(BIN, ['check', ...sources], work, MLQ_DONE));
    print({ stage: 'check', size, seconds: check.seconds, peakMb: check.peakMb, target: TARGETS.check?.[size] ?? '' });
    for (const name of FORMAT_NAMES) {
      const built = await median(() => timeScript(BIN, ['build', ...sources, '--formats', name, '--out', out, '--allow-errors'], work, MLQ_DONE));
      print({ stage: `build ${name}`, size, seconds: built.seconds, peakMb: built.peakMb, target: TARGETS[name]?.[size] ?? '' });
      if (name === 'epub') {
        const { seconds: pandoc } = await median(async () => ({ seconds: await pandocEpubSeconds(banks, path.join(work, `pandoc-${size}.epub`)) }));
        print({ stage: 'pandoc epub', size, seconds: pandoc, peakMb: null, target: pandocTarget(size, built.seconds, pandoc) });
      }
    }
  }
  const links = await benchLinks();
  const urls = `${links.urls} URLs`;
  print({ stage: 'links cold', size: urls, seconds: links.coldSeconds, peakMb: null, target: '<= 5 s' });
  print({ stage: 'links cached', size: urls, seconds: links.cachedSeconds, peakMb: null, target: '<= 0.5 s' });
  rmSync(work, { recursive: true, force: true });
}

await main();
