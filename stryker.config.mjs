// Mutation testing (`npm run mutate`): which modules are mutated, which tests must notice, and the score each
// file must keep. A group is one line: its modules, its tests (only those that import the modules directly,
// so a run stays short), and its target in percent. `npm run mutate -- rules` runs one group.
/** The rules that compare two versions of a bank (--since): id-changed, question-removed and mlq fix's renumbering. */
const VERSION_RULES = ['src/rules/versions.ts', 'src/rules/renumber.ts', 'src/rules/id-changed.ts', 'src/rules/question-removed.ts'];

export const GROUPS = {
  rules: { target: 95, mutate: ['src/rules/**/*.ts', ...VERSION_RULES.map((file) => `!${file}`)], tests: ['test/rules.test.ts', 'test/rules-behaviour.test.ts'] },
  versions: { target: 95, mutate: VERSION_RULES, tests: ['test/rules-versions.test.ts', 'test/rules.test.ts', 'test/rules-behaviour.test.ts'] },
  // The link filter, the private-address guard (checked names and the connect-time lookup), the file edge, the
  // asset resolver, the git edge, the terminal and the patterns of mlq.yaml. Each mutant's run gets fresh workers
  // (isolate): these modules set process-wide state (undici's global dispatcher, the environment), and a mutant
  // that breaks undoing it would fail the runs after it in a kept worker.
  security: {
    target: 98,
    isolate: true,
    mutate: ['src/links/address.ts', 'src/links/connect.ts', 'src/writers/shared/links.ts', 'src/io/files.ts', 'src/io/assets.ts', 'src/io/git.ts', 'src/cli/terminal.ts', 'src/patterns.ts'],
    tests: ['test/address.test.ts', 'test/connect.test.ts', 'test/writer-links.test.ts', 'test/io-files.test.ts', 'test/assets.test.ts', 'test/git.test.ts', 'test/terminal.test.ts', 'test/patterns.test.ts'],
  },
  // The reader: its layouts and the shared part (parse.ts). A mutant of a module-level constant (a regex) runs
  // against all of its group's tests: name only fast tests that import the modules, and read no bank while the
  // tests are collected.
  reader: { target: 95, mutate: ['src/read/layouts/**/*.ts', 'src/read/parse.ts'], tests: ['test/reader-layouts.test.ts', 'test/reader-parse.test.ts', 'test/layouts.test.ts'] },
  links: { target: 98, mutate: ['src/links/verdict.ts', 'src/links/retry.ts'], tests: ['test/links-verdict-retry.test.ts'] },
  // The resource limits and their count on the parsed tree. Its tests build small trees and tallies in memory and
  // import nothing else: a mutant of a module-level table (which kind is held to which limit) runs all of them.
  limits: { target: 98, mutate: ['src/limits.ts', 'src/read/tally.ts'], tests: ['test/tally.test.ts'] },
};

/** Options every group shares; test/mutation/run.mjs adds a group's modules, tests and threshold. */
export default {
  testRunner: 'vitest',
  coverageAnalysis: 'perTest',
  // The machine has 2 cores shared with others: MUTATE_CONCURRENCY=1 while iterating.
  concurrency: Number(process.env.MUTATE_CONCURRENCY ?? 2),
  reporters: ['clear-text', 'html'],
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  tempDirName: '.stryker-tmp',
  // Only what the tests import needs copying into Stryker's sandbox.
  ignorePatterns: ['/lib', '/dist', '/dist.*', '/.mlq', '/reports'],
  // A busy shared machine makes runs slower than the dry run suggests; a mutant is a timeout only when far off.
  timeoutMS: 10_000,
};
