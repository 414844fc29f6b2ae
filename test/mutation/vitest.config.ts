// The tests of one mutation group (test/mutation/run.mjs sets MLQ_MUTATE_TESTS): a mutant is run only against
// the tests that import its module directly. Stryker's own `testFiles` option is not used: with it, Stryker 9.6
// activates static mutants (a rule's id, severity, hint) after their module has loaded, so they all "survive"
// (stryker-js issue 6144).
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const tests = process.env.MLQ_MUTATE_TESTS;
if (!tests) throw new Error('test/mutation/vitest.config.ts is for `npm run mutate`, which names the tests of a group.');

// Every mutant's run starts a fresh worker, which loads the tests' imports again; the unified family alone is
// some 150 small ES modules (micromark's), about 40 % of a reader mutant's run. Pre-bundled by Vite into one
// file each, they load in a fraction of that (layout.ts's 143 mutants: 94 s -> 58 s).
const { dependencies } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> };
const UNIFIED_FAMILY = Object.keys(dependencies).filter((name) => /^(unified|(remark|rehype|mdast-util|hast-util|unist-util)-)/.test(name));

export default defineConfig({
  test: {
    include: tests.split(','),
    // One worker runs a run's test files, and is kept for the next run (patches/: vitest's pool, Stryker's vitest
    // runner): a runtime-activated mutant's run loads nothing again but its test files. A group whose modules set
    // process-wide state runs each test file in a fresh worker (stryker.config.mjs).
    isolate: process.env.MLQ_MUTATE_ISOLATE === 'true',
    testTimeout: 60_000,
    deps: { optimizer: { ssr: { enabled: true, include: UNIFIED_FAMILY } } },
  },
});
