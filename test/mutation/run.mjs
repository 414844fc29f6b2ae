// `npm run mutate [group...]`: runs Stryker on each group of stryker.config.mjs (all of them by default) with
// thresholds.break at the group's target, then prints every file's score and fails when any file, not only the
// group as a whole, is below its target.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Stryker } from '@stryker-mutator/core';
import { GROUPS } from '../../stryker.config.mjs';

const names = process.argv.slice(2);
const unknown = names.filter((name) => !(name in GROUPS));
if (unknown.length > 0) {
  console.error(`mlq mutate: unknown group ${unknown.join(', ')}; the groups are ${Object.keys(GROUPS).join(', ')}.`);
  process.exit(2);
}
const missing = Object.values(GROUPS).flatMap((group) => group.tests.filter((file) => !existsSync(file)));
if (missing.length > 0) {
  console.error(`mlq mutate: stryker.config.mjs names tests that do not exist: ${missing.join(', ')}.`);
  process.exit(2);
}

// Stryker's own score: killed and timed-out mutants of all that ran or had no test; compile errors and ignored ones do not count.
const DETECTED = new Set(['Killed', 'Timeout']);
const COUNTED = new Set(['Killed', 'Timeout', 'Survived', 'NoCoverage']);

const rows = [];
for (const name of names.length > 0 ? names : Object.keys(GROUPS)) {
  const { target, mutate, tests, isolate = false } = GROUPS[name];
  const started = Date.now();
  process.env.MLQ_MUTATE_TESTS = tests.join(',');
  process.env.MLQ_MUTATE_ISOLATE = String(isolate);
  const results = await new Stryker({
    // MLQ_MUTATE_ONLY=file,file: mutate only these of the group's modules (while working on them; CI runs whole groups).
    mutate: process.env.MLQ_MUTATE_ONLY ? process.env.MLQ_MUTATE_ONLY.split(',') : mutate,
    vitest: { configFile: 'test/mutation/vitest.config.ts' },
    thresholds: { high: 100, low: target, break: target },
    htmlReporter: { fileName: `reports/mutation/${name}.html` },
  }).runMutationTest();
  // A module pattern that matches nothing would otherwise pass with no score at all.
  if (results.length === 0) {
    console.error(`mlq mutate: group ${name} has no mutants; check its modules in stryker.config.mjs.`);
    process.exitCode = 1;
  }
  const files = new Map();
  for (const r of results.filter((r) => COUNTED.has(r.status))) files.set(r.fileName, [...(files.get(r.fileName) ?? []), r]);
  for (const [file, mutants] of files) {
    const detected = mutants.filter((r) => DETECTED.has(r.status)).length;
    rows.push({ name, file: path.relative(process.cwd(), file), target, detected, total: mutants.length, score: (100 * detected) / mutants.length });
  }
  console.log(`mutate: group ${name} took ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

console.log('\nMutation score per file (killed / mutants):');
for (const row of rows) {
  const verdict = row.score >= row.target ? 'ok' : `BELOW ${row.target} %`;
  console.log(`${row.score.toFixed(2).padStart(7)} %  ${`${row.detected}/${row.total}`.padStart(7)}  ${row.name.padEnd(9)} ${row.file}  ${verdict}`);
}
const below = rows.filter((row) => row.score < row.target);
if (below.length > 0) {
  console.error(`mlq mutate: ${below.length} file(s) below their target; see the survivors above and reports/mutation/.`);
  process.exitCode = 1;
}
