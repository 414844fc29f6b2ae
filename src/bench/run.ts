// `npm run bench`: wall time and peak memory of each stage, at 1x and 100x the corpus.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FORMAT_NAMES } from '../config.js';
import { FORMATS } from '../formats.js';
import { multiplyBank } from './banks.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'bin/mlq.js');
const PEAK = path.join(ROOT, 'lib/bench/peak.js');

interface Row {
  stage: string;
  size: string;
  seconds: number;
  peakMb: number | null;
  target: string;
}

/** Runs `mlq ...` as a fresh process (a cold start, as in CI) and measures it. */
function timeMlq(args: string[], work: string): { seconds: number; peakMb: number; code: number | null } {
  const peakFile = path.join(work, 'peak');
  const start = performance.now();
  const run = spawnSync(process.execPath, ['--import', PEAK, BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, MLQ_PEAK_FILE: peakFile, SOURCE_DATE_EPOCH: '1700000000', CI: 'true' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = (performance.now() - start) / 1000;
  if (run.status !== 0 && run.status !== 1) throw new Error(`mlq ${args.join(' ')} failed: ${run.stderr}`);
  return { seconds, peakMb: Number(readFileSync(peakFile, 'utf8')) / 1024, code: run.status };
}

const TARGETS: Record<string, Record<string, string>> = {
  check: { '1x': '<= 0.4 s', '100x': '<= 3 s, < 500 MB' },
  pdf: { '1x': '<= 2 s', '100x': '< 2048 MB' },
};

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(tmpdir(), 'mlq-bench-'));
  const corpus = readFileSync(path.join(ROOT, 'source/README.md'), 'utf8');
  const sizes = (process.env.MLQ_BENCH_SIZES ?? '1,100').split(',').map(Number);
  const rows: Row[] = [];
  const print = (row: Row) => {
    rows.push(row);
    const peak = row.peakMb === null ? '' : `${row.peakMb.toFixed(0)} MB`;
    console.log(`${row.stage.padEnd(14)} ${row.size.padStart(5)} ${`${row.seconds.toFixed(2)} s`.padStart(9)} ${peak.padStart(9)}   ${row.target}`);
  };
  console.log(`${'stage'.padEnd(14)} ${'size'.padStart(5)} ${'wall'.padStart(9)} ${'peak'.padStart(9)}   target`);
  for (const times of sizes) {
    const size = `${times}x`;
    const bank = path.join(work, `bank-${size}.md`);
    writeFileSync(bank, multiplyBank(corpus, times));
    const out = path.join(work, `dist-${size}`);
    const check = timeMlq(['check', '--source', bank], work);
    print({ stage: 'check', size, seconds: check.seconds, peakMb: check.peakMb, target: TARGETS.check?.[size] ?? '' });
    for (const name of FORMAT_NAMES.filter((n) => FORMATS[n])) {
      const built = timeMlq(['build', '--source', bank, '--formats', name, '--out', out, '--allow-errors'], work);
      print({ stage: `build ${name}`, size, seconds: built.seconds, peakMb: built.peakMb, target: TARGETS[name]?.[size] ?? '' });
    }
  }
  rmSync(work, { recursive: true, force: true });
}

await main();
