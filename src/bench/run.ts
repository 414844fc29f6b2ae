// `npm run bench`: wall time and peak memory of each stage, at 1x and 100x the corpus, beside the floors
// (start-up and parsing alone; pdfmake laying out the plain text alone) and the peers (Pandoc's EPUB,
// Pandoc's HTML printed by WeasyPrint) run in the same session; then every row of the speed targets, met or
// not, and whether its floor meets it; then the link checker against a slow loopback server, cold and from
// its cache.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FORMAT_NAMES } from '../config.js';
import { multiplyBank } from './banks.js';
import { benchLinks } from './links.js';
import { pandocEpubSeconds, weasyprintPdfSeconds } from './peers.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'bin/mlq.js');
const PEAK = path.join(ROOT, 'lib/bench/peak.js');
const PARSE_ONLY = path.join(ROOT, 'lib/bench/parse-only.js');
const PDF_ONLY = path.join(ROOT, 'lib/bench/pdf-only.js');
/** mlq finished its work: 0, or 1 when the bank has validation errors. */
const MLQ_DONE = [0, 1];

interface Measure {
  /** Null when the stage could not run (a peer not installed). */
  seconds: number | null;
  peakMb: number | null;
}

/** Each stage runs this many times (MLQ_BENCH_RUNS, default 3) and the median run is reported. */
const RUNS = Math.max(1, Number(process.env.MLQ_BENCH_RUNS ?? 3));

function median(run: () => Measure): Measure {
  const runs = Array.from({ length: RUNS }, run);
  return runs.sort((a, b) => (a.seconds ?? 0) - (b.seconds ?? 0))[Math.floor(runs.length / 2)]!;
}

/**
 * Runs a script (`mlq` itself, or the parse-only floor) as a fresh process, a cold start as in CI, and
 * measures it. Any other exit code than `exitCodes` means the run failed: its time would mean nothing.
 */
function timeScript(script: string, args: string[], work: string, exitCodes = [0]): Measure {
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

/** A row of the speed targets (issue #15): mlq's time, alone or as a ratio to a peer's. */
interface Target {
  row: string;
  mlq: string;
  peer?: string;
  /** mlq ÷ peer at most this. */
  ratio?: number;
  /** At most this many seconds. */
  seconds?: number;
  /** Peak memory below this. */
  peakMb?: number;
  /**
   * The floor of the row: the stage (parse only, pdf only) that does less than mlq must. When the floor too
   * misses the target, no change to mlq's own code can meet it with this stack.
   */
  floor: string;
}

const TARGETS: Target[] = [
  // The whole build writes the PDF too, on a core of its own: its floor is the PDF's.
  { row: 'whole build of the corpus ÷ pandoc epub', mlq: 'build all@1x', peer: 'pandoc epub@1x', ratio: 4, floor: 'pdf only@1x' },
  { row: 'pdf of the corpus ÷ pandoc html + weasyprint', mlq: 'build pdf@1x', peer: 'weasyprint pdf@1x', ratio: 0.5, floor: 'pdf only@1x' },
  { row: 'pdf of the 100x bank', mlq: 'build pdf@100x', seconds: 10, peakMb: 1024, floor: 'pdf only@100x' },
  { row: 'epub of the corpus ÷ pandoc epub', mlq: 'build epub@1x', peer: 'pandoc epub@1x', ratio: 1, floor: 'parse only@1x' },
  { row: 'epub of the 100x bank ÷ pandoc epub', mlq: 'build epub@100x', peer: 'pandoc epub@100x', ratio: 0.25, floor: 'parse only@100x' },
  { row: 'check of the corpus', mlq: 'check@1x', seconds: 0.4, floor: 'parse only@1x' },
  { row: 'check of the 100x bank', mlq: 'check@100x', seconds: 3, peakMb: 500, floor: 'parse only@100x' },
  { row: 'site of the corpus', mlq: 'build site@1x', seconds: 1, floor: 'parse only@1x' },
  { row: 'site of the 100x bank', mlq: 'build site@100x', seconds: 10, peakMb: 1024, floor: 'parse only@100x' },
];

const secs = (s: number | null) => (s === null ? '-' : `${s.toFixed(2)} s`);
const mb = (m: number | null) => (m === null ? '' : `${m.toFixed(0)} MB`);

/** The parts a target sets (its ratio to the peer, seconds, memory): what each wants, and whether a measure meets it (null where unknown). */
function partsOf(target: Target, peer: Measure | undefined): { wanted: string; meets: (measure: Measure) => boolean | null }[] {
  const { ratio, seconds, peakMb } = target;
  return [
    ratio === undefined ? [] : [{ wanted: `<= ${ratio}x`, meets: (m: Measure) => (peer?.seconds == null ? null : m.seconds! / peer.seconds <= ratio) }],
    seconds === undefined ? [] : [{ wanted: `<= ${seconds} s`, meets: (m: Measure) => m.seconds! <= seconds }],
    peakMb === undefined ? [] : [{ wanted: `< ${peakMb} MB`, meets: (m: Measure) => (m.peakMb === null ? null : m.peakMb < peakMb) }],
  ].flat();
}

function targetRow(target: Target, results: Map<string, Measure>): string {
  const mlq = results.get(target.mlq);
  const peer = target.peer ? results.get(target.peer) : undefined;
  if (!mlq || (target.peer && !peer)) return `${target.row.padEnd(46)} not measured (size not run)`;
  const parts = partsOf(target, peer);
  const wanted = parts.map((part) => part.wanted);
  const ratio = target.ratio === undefined ? '' : peer?.seconds == null ? 'peer not installed' : `${(mlq.seconds! / peer.seconds).toFixed(2)}x`;
  const met = parts.map((part) => part.meets(mlq));
  const floor = results.get(target.floor);
  const floorMisses = floor !== undefined && parts.some((part) => part.meets(floor) === false);
  const verdict = met.includes(null) ? '?' : met.every(Boolean) ? 'met' : floorMisses ? `NOT met; ${target.floor.replace('@', ' ')} misses it too (${secs(floor.seconds)})` : 'NOT met';
  const mine = `${secs(mlq.seconds)} ${mb(mlq.peakMb)}`.trim();
  return `${target.row.padEnd(46)} ${mine.padStart(16)} ${(peer ? secs(peer.seconds) : '').padStart(9)} ${ratio.padStart(8)}   ${wanted.join(', ').padEnd(20)} ${verdict}`;
}

function main(): void {
  const work = mkdtempSync(path.join(tmpdir(), 'mlq-bench-'));
  // Both banks of the book, the second (NLP) with its TeX: every stage also pays for the math.
  const corpus = ['README.md', 'NLP/README.md'].map((file) => readFileSync(path.join(ROOT, 'source', file), 'utf8'));
  const sizes = (process.env.MLQ_BENCH_SIZES ?? '1,100').split(',').map(Number);
  // MLQ_BENCH_FORMATS=site,pdf times only those build stages.
  const formats = process.env.MLQ_BENCH_FORMATS ? FORMAT_NAMES.filter((name) => process.env.MLQ_BENCH_FORMATS!.split(',').includes(name)) : FORMAT_NAMES;
  const results = new Map<string, Measure>();
  const measure = (stage: string, size: string, run: () => Measure) => {
    const result = median(run);
    results.set(`${stage}@${size}`, result);
    console.log(`${stage.padEnd(18)} ${size.padStart(5)} ${secs(result.seconds).padStart(9)} ${mb(result.peakMb).padStart(9)}`);
  };
  console.log(`median of ${RUNS} run(s) per stage, each a fresh process`);
  console.log(`${'stage'.padEnd(18)} ${'size'.padStart(5)} ${'wall'.padStart(9)} ${'peak'.padStart(9)}`);
  for (const times of sizes) {
    const size = `${times}x`;
    const banks = corpus.map((text, i) => {
      const bank = path.join(work, `bank-${i + 1}-${size}.md`);
      writeFileSync(bank, multiplyBank(text, times));
      return bank;
    });
    const sources = banks.flatMap((bank) => ['--source', bank]);
    const out = path.join(work, `dist-${size}`);
    const build = (formats: string) => () =>
      timeScript(BIN, ['build', ...sources, '--formats', formats, '--out', out, '--allow-errors'], work, MLQ_DONE);
    measure('parse only', size, () => timeScript(PARSE_ONLY, banks, work));
    if (formats.includes('pdf')) measure('pdf only', size, () => timeScript(PDF_ONLY, banks, work));
    measure('check', size, () => timeScript(BIN, ['check', ...sources], work, MLQ_DONE));
    // The whole build at 100x is the sum of its formats on two cores: the 1x row is the one with a target.
    if (times === 1) measure('build all', size, build(FORMAT_NAMES.join(',')));
    for (const name of formats) measure(`build ${name}`, size, build(name));
    measure('pandoc epub', size, () => ({ seconds: pandocEpubSeconds(banks, path.join(work, `pandoc-${size}.epub`)), peakMb: null }));
    // WeasyPrint takes minutes on the 100x bank, and no target asks for it.
    if (times === 1) measure('weasyprint pdf', size, () => ({ seconds: weasyprintPdfSeconds(banks, path.join(work, `weasyprint-${size}.pdf`)), peakMb: null }));
  }
  console.log(`\n${'target'.padEnd(46)} ${'mlq'.padStart(16)} ${'peer'.padStart(9)} ${'ratio'.padStart(8)}   ${'wanted'.padEnd(20)} verdict`);
  for (const target of TARGETS) console.log(targetRow(target, results));
  rmSync(work, { recursive: true, force: true });
}

main();
const links = await benchLinks();
console.log(`\nlinks, ${links.urls} URLs: ${secs(links.coldSeconds)} cold (target <= 5 s), ${secs(links.cachedSeconds)} from the cache (target <= 0.5 s)`);
