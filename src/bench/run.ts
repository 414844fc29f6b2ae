// `npm run bench`: wall time, CPU time and peak memory of each stage, at 1x and 100x the corpus, beside the
// floors (start-up and parsing alone; pdfmake laying out the plain text alone) and the peers (Pandoc's EPUB,
// Pandoc's HTML printed by WeasyPrint, Pandoc's parse) run in the same session; then every row of the speed
// targets (issue #26), met or not, and whether its floor meets it; then `mlq serve`'s turnaround after an
// edit, and the link checker against a slow loopback server, cold and from its cache.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FORMAT_NAMES } from '../config.js';
import { multiplyBank } from './banks.js';
import { benchLinks } from './links.js';
import { run, sum, type Measure } from './measure.js';
import { pandocAst, pandocEpub, weasyprintPdf } from './peers.js';
import { benchServe } from './serve.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'bin/mlq.js');
const PARSE_ONLY = path.join(ROOT, 'lib/bench/parse-only.js');
const PDF_ONLY = path.join(ROOT, 'lib/bench/pdf-only.js');
/** mlq finished its work: 0, or 1 when the bank has validation errors. */
const MLQ_DONE = [0, 1];

/** Each stage runs this many times (MLQ_BENCH_RUNS, default 3) and the median run is reported. */
const RUNS = Math.max(1, Number(process.env.MLQ_BENCH_RUNS ?? 3));

/** The median run by CPU time where it is known (the load of the machine moves it least), else by wall time. */
function median(measure: () => Measure | null): Measure | null {
  const runs = Array.from({ length: RUNS }, measure);
  if (runs.includes(null)) return null;
  const key = (m: Measure) => m.cpuSeconds ?? m.seconds;
  return (runs as Measure[]).sort((a, b) => key(a) - key(b))[Math.floor(runs.length / 2)]!;
}

/** A script (`mlq` itself, or a floor) as a fresh process, a cold start as in CI. */
const script = (file: string, args: string[], exitCodes = [0]) =>
  run(process.execPath, [file, ...args], { cwd: ROOT, env: { ...process.env, SOURCE_DATE_EPOCH: '1700000000', CI: 'true' } }, exitCodes);

/** A row of the speed targets: mlq's time, alone or as a ratio to a peer's (or to a floor's). */
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
  floor?: string;
}

/** Issue #26's targets, and those of #15 and #24 that still stand. */
const TARGETS: Target[] = [
  { row: 'pdf of the corpus ÷ pandoc html + weasyprint', mlq: 'build pdf@1x', peer: 'weasyprint pdf@1x', ratio: 1, floor: 'pdf only@1x' },
  // The peers write two formats, mlq six.
  { row: 'whole build of the corpus ÷ pandoc epub + pdf', mlq: 'build all@1x', peer: 'pandoc epub + weasyprint pdf@1x', ratio: 1, floor: 'pdf only@1x' },
  { row: 'pdf of the 100x bank ÷ pandoc html + weasyprint', mlq: 'build pdf@100x', peer: 'weasyprint pdf@100x', ratio: 0.35, peakMb: 1024, floor: 'pdf only@100x' },
  { row: 'epub of the corpus ÷ pandoc epub', mlq: 'build epub@1x', peer: 'pandoc epub@1x', ratio: 1, floor: 'parse only@1x' },
  { row: 'epub of the 100x bank ÷ pandoc epub', mlq: 'build epub@100x', peer: 'pandoc epub@100x', ratio: 0.25, floor: 'parse only@100x' },
  { row: 'check of the corpus', mlq: 'check@1x', seconds: 0.4, floor: 'parse only@1x' },
  { row: 'check of the 100x bank ÷ pandoc json ast', mlq: 'check@100x', peer: 'pandoc json ast@100x', ratio: 0.3, peakMb: 500, floor: 'parse only@100x' },
  { row: 'check of the 100x bank ÷ parse only', mlq: 'check@100x', peer: 'parse only@100x', ratio: 1.3 },
  { row: 'site of the corpus', mlq: 'build site@1x', seconds: 1, floor: 'parse only@1x' },
  { row: 'site of the 100x bank', mlq: 'build site@100x', seconds: 10, peakMb: 1024, floor: 'parse only@100x' },
  { row: 'serve: an edit of the corpus served', mlq: 'serve@1x', seconds: 0.3 },
];

const secs = (s: number | null | undefined) => (s == null ? '-' : `${s.toFixed(2)} s`);
const mb = (m: number | null | undefined) => (m == null ? '-' : `${m.toFixed(0)} MB`);
const times = (a: number | null | undefined, b: number | null | undefined) => (a == null || b == null ? '-' : `${(a / b).toFixed(2)}x`);

/** The parts a target sets (its ratio to the peer, seconds, memory): what each wants, and whether a measure meets it (null where unknown). */
function partsOf(target: Target, peer: Measure | undefined): { wanted: string; meets: (measure: Measure) => boolean | null }[] {
  const { ratio, seconds, peakMb } = target;
  return [
    ratio === undefined ? [] : [{ wanted: `<= ${ratio}x`, meets: (m: Measure) => (peer === undefined ? null : m.seconds / peer.seconds <= ratio) }],
    seconds === undefined ? [] : [{ wanted: `<= ${seconds} s`, meets: (m: Measure) => m.seconds <= seconds }],
    peakMb === undefined ? [] : [{ wanted: `< ${peakMb} MB`, meets: (m: Measure) => (m.peakMb === null ? null : m.peakMb < peakMb) }],
  ].flat();
}

const TARGET_HEADER = `${'target'.padEnd(48)} ${'mlq wall'.padStart(9)} ${'cpu'.padStart(8)} ${'peak'.padStart(8)} ${'peer wall'.padStart(9)} ${'cpu'.padStart(8)} ${'ratio'.padStart(6)} ${'cpu'.padStart(6)}   ${'wanted'.padEnd(20)} verdict`;

/** A target's row: both times and their ratios (wall, which the target is set in, and CPU, which the load moves least). */
function targetRow(target: Target, results: Map<string, Measure | null>): string {
  const mlq = results.get(target.mlq);
  const peer = target.peer ? results.get(target.peer) : undefined;
  if (!mlq) return `${target.row.padEnd(48)} not measured (size not run)`;
  if (target.peer && !peer) return `${target.row.padEnd(48)} ${secs(mlq.seconds).padStart(9)} peer not measured or not installed`;
  const parts = partsOf(target, peer ?? undefined);
  const met = parts.map((part) => part.meets(mlq));
  const floor = target.floor ? results.get(target.floor) : undefined;
  const floorMisses = floor != null && parts.some((part) => part.meets(floor) === false);
  const verdict = met.includes(null) ? '?' : met.every(Boolean) ? 'met' : floorMisses ? `NOT met; ${target.floor!.replace('@', ' ')} misses it too (${secs(floor.seconds)}, ${mb(floor.peakMb)})` : 'NOT met';
  const peerColumns = peer ? `${secs(peer.seconds).padStart(9)} ${secs(peer.cpuSeconds).padStart(8)} ${times(mlq.seconds, peer.seconds).padStart(6)} ${times(mlq.cpuSeconds, peer.cpuSeconds).padStart(6)}` : `${''.padStart(9)} ${''.padStart(8)} ${''.padStart(6)} ${''.padStart(6)}`;
  return `${target.row.padEnd(48)} ${secs(mlq.seconds).padStart(9)} ${secs(mlq.cpuSeconds).padStart(8)} ${mb(mlq.peakMb).padStart(8)} ${peerColumns}   ${parts.map((part) => part.wanted).join(', ').padEnd(20)} ${verdict}`;
}

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(tmpdir(), 'mlq-bench-'));
  // Both banks of the book, the second (NLP) with its TeX: every stage also pays for the math.
  const corpus = ['README.md', 'NLP/README.md'].map((file) => readFileSync(path.join(ROOT, 'source', file), 'utf8'));
  const sizes = (process.env.MLQ_BENCH_SIZES ?? '1,100').split(',').map(Number);
  // MLQ_BENCH_FORMATS=site,pdf times only those build stages.
  const formats = process.env.MLQ_BENCH_FORMATS ? FORMAT_NAMES.filter((name) => process.env.MLQ_BENCH_FORMATS!.split(',').includes(name)) : FORMAT_NAMES;
  // MLQ_BENCH_PEERS=0 leaves out the peers (WeasyPrint takes minutes on the 100x bank).
  const peers = process.env.MLQ_BENCH_PEERS !== '0';
  const results = new Map<string, Measure | null>();
  const record = (stage: string, size: string, result: Measure | null) => {
    results.set(`${stage}@${size}`, result);
    console.log(`${stage.padEnd(30)} ${size.padStart(5)} ${secs(result?.seconds).padStart(9)} ${secs(result?.cpuSeconds).padStart(9)} ${mb(result?.peakMb).padStart(9)}`);
  };
  const measure = (stage: string, size: string, measured: () => Measure | null) => record(stage, size, median(measured));
  console.log(`median of ${RUNS} run(s) per stage, each a fresh process${process.platform === 'linux' ? `; load average ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}` : ''}`);
  console.log(`${'stage'.padEnd(30)} ${'size'.padStart(5)} ${'wall'.padStart(9)} ${'cpu'.padStart(9)} ${'peak'.padStart(9)}`);
  for (const times of sizes) {
    const size = `${times}x`;
    const banks = corpus.map((text, i) => {
      const bank = path.join(work, `bank-${i + 1}-${size}.md`);
      writeFileSync(bank, multiplyBank(text, times));
      return bank;
    });
    const sources = banks.flatMap((bank) => ['--source', bank]);
    const out = path.join(work, `dist-${size}`);
    const build = (formats: string) => () => script(BIN, ['build', ...sources, '--formats', formats, '--out', out, '--allow-errors'], MLQ_DONE);
    measure('parse only', size, () => script(PARSE_ONLY, banks));
    if (formats.includes('pdf')) measure('pdf only', size, () => script(PDF_ONLY, banks));
    measure('check', size, () => script(BIN, ['check', ...sources], MLQ_DONE));
    // The whole build at 100x is the sum of its formats on two cores: the 1x row is the one with a target.
    if (times === 1) measure('build all', size, build(FORMAT_NAMES.join(',')));
    for (const name of formats) measure(`build ${name}`, size, build(name));
    if (!peers) continue;
    measure('pandoc epub', size, () => pandocEpub(banks, path.join(work, `pandoc-${size}.epub`)));
    measure('pandoc json ast', size, () => pandocAst(banks, path.join(work, `pandoc-${size}.json`)));
    if (formats.includes('pdf')) measure('weasyprint pdf', size, () => weasyprintPdf(banks, path.join(work, `weasyprint-${size}.pdf`)));
    const epub = results.get(`pandoc epub@${size}`);
    const pdf = results.get(`weasyprint pdf@${size}`);
    if (epub && pdf) record('pandoc epub + weasyprint pdf', size, sum(epub, pdf));
  }
  if (sizes.includes(1)) record('serve', '1x', { ...(await benchServe(ROOT, BIN)), cpuSeconds: null, peakMb: null });
  console.log(`\n${TARGET_HEADER}`);
  for (const target of TARGETS) console.log(targetRow(target, results));
  rmSync(work, { recursive: true, force: true });
}

await main();
const links = await benchLinks();
console.log(`\nlinks, ${links.urls} URLs: ${secs(links.coldSeconds)} cold (target <= 5 s), ${secs(links.cachedSeconds)} from the cache (target <= 0.5 s)`);
