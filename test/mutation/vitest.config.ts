// The tests of one mutation group (test/mutation/run.mjs sets MLQ_MUTATE_TESTS): a mutant is run only against
// the tests that import its module directly. Stryker's own `testFiles` option is not used: with it, Stryker 9.6
// activates static mutants (a rule's id, severity, hint) after their module has loaded, so they all "survive"
// (stryker-js issue 6144).
import { defineConfig } from 'vitest/config';

const tests = process.env.MLQ_MUTATE_TESTS;
if (!tests) throw new Error('test/mutation/vitest.config.ts is for `npm run mutate`, which names the tests of a group.');

export default defineConfig({
  test: {
    include: tests.split(','),
    testTimeout: 60_000,
  },
});
