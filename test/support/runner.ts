// Just enough of a GitHub Actions runner to run a workflow's job here: its steps' shell commands, and those of
// the composite action mlq is (action.yml), with the contexts, the `${{ }}` expressions and the GITHUB_*
// files a runner sets. Steps that use other actions (checkout, setup-node, cache, upload) are listed, not
// run: the test says what each would have been given.
import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export type Context = Record<string, unknown>;

interface Step {
  id?: string;
  name?: string;
  if?: string | boolean;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string | boolean>;
}

export interface StepRun {
  step: string;
  skipped: boolean;
  uses?: string;
  with?: Record<string, string>;
  code?: number | null;
  stdout?: string;
  stderr?: string;
}

/** The subset of GitHub's expression language that workflows and action.yml use. */
export function evaluate(expression: string, context: Context, status: { failed: boolean }): unknown {
  const tokens = expression.match(/'(?:[^']|'')*'|&&|\|\||==|!=|[!()]|[A-Za-z_][\w.-]*(?:\(\))?|\d+/g) ?? [];
  let at = 0;
  const peek = () => tokens[at];
  const take = () => tokens[at++]!;
  const primary = (): unknown => {
    const token = take();
    if (token === '(') {
      const value = or();
      take();
      return value;
    }
    if (token === '!') return !primary();
    if (token.startsWith("'")) return token.slice(1, -1).replace(/''/g, "'");
    if (token === 'true' || token === 'false') return token === 'true';
    if (/^\d+$/.test(token)) return Number(token);
    if (token === 'cancelled()') return false;
    if (token === 'always()') return true;
    if (token === 'success()') return !status.failed;
    if (token === 'failure()') return status.failed;
    return token.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], context) ?? '';
  };
  const comparison = (): unknown => {
    let left = primary();
    while (peek() === '==' || peek() === '!=') {
      const equal = take() === '==';
      const right = primary();
      left = (String(left).toLowerCase() === String(right).toLowerCase()) === equal;
    }
    return left;
  };
  const and = (): unknown => {
    let left = comparison();
    while (peek() === '&&') {
      take();
      const right = comparison();
      left = left ? right : left;
    }
    return left;
  };
  const or = (): unknown => {
    let left = and();
    while (peek() === '||') {
      take();
      const right = and();
      left = left || right;
    }
    return left;
  };
  return or();
}

const interpolate = (text: string, context: Context, status: { failed: boolean }) =>
  text.replace(/\$\{\{(.*?)\}\}/g, (_, expression: string) => String(evaluate(expression, context, status)));

function shouldRun(condition: Step['if'], context: Context, status: { failed: boolean }): boolean {
  if (condition === undefined) return !status.failed;
  const expression = String(condition).replace(/^\s*\$\{\{(.*)\}\}\s*$/s, '$1');
  const value = evaluate(expression, context, status);
  // Without a status function, a condition holds only while no step has failed (GitHub adds success() &&).
  return /\b(?:always|cancelled|failure|success)\(\)/.test(expression) ? Boolean(value) : !status.failed && Boolean(value);
}

export interface Job {
  steps: StepRun[];
  env: Record<string, string>;
}

/**
 * Runs `steps` in `workspace`; a step that uses `actionUses` is run as the composite action at `actionPath`
 * (its inputs from `with:` over action.yml's defaults).
 */
export function runSteps(
  steps: Step[],
  options: { workspace: string; context: Context; env: Record<string, string>; actionUses?: string; actionPath?: string; status?: { failed: boolean }; runs?: StepRun[] },
): StepRun[] {
  const status = options.status ?? { failed: false };
  const runs = options.runs ?? [];
  const files = { GITHUB_ENV: options.env.GITHUB_ENV!, GITHUB_OUTPUT: options.env.GITHUB_OUTPUT!, GITHUB_STEP_SUMMARY: options.env.GITHUB_STEP_SUMMARY! };
  for (const step of steps) {
    const name = step.name ?? step.uses ?? step.run ?? '';
    const context = { ...options.context, steps: Object.fromEntries(runs.filter((r) => r.step).map((r) => [r.step, { outcome: r.skipped ? 'skipped' : r.code === 0 ? 'success' : 'failure' }])) };
    if (!shouldRun(step.if, context, status)) {
      runs.push({ step: step.id ?? '', skipped: true, uses: step.uses });
      continue;
    }
    const given = Object.fromEntries(Object.entries(step.with ?? {}).map(([key, value]) => [key, interpolate(String(value), context, status)]));
    if (step.uses && step.uses === options.actionUses) {
      const action = parse(readFileSync(path.join(options.actionPath!, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }>; runs: { steps: Step[] } };
      const inputs = Object.fromEntries(Object.entries(action.inputs).map(([key, input]) => [key, given[key] ?? input.default ?? '']));
      runSteps(action.runs.steps, { ...options, context: { ...options.context, inputs }, env: { ...options.env, GITHUB_ACTION_PATH: options.actionPath! }, status, runs });
      continue;
    }
    if (step.uses) {
      runs.push({ step: step.id ?? '', skipped: false, uses: step.uses, with: given });
      continue;
    }
    // As the runner does: the environment GITHUB_ENV has collected so far, then the step's own.
    const collected = Object.fromEntries(
      readFileSync(files.GITHUB_ENV, 'utf8')
        .split('\n')
        .filter((line) => line.includes('='))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([key, value]) => [key, interpolate(String(value), context, status)]));
    const script = path.join(String((options.context.runner as { temp: string }).temp), `step-${runs.length}.sh`);
    writeFileSync(script, interpolate(step.run!, context, status));
    const run = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd: options.workspace,
      encoding: 'utf8',
      env: { ...options.env, ...collected, ...stepEnv },
      timeout: 300_000,
    });
    if (run.status !== 0) status.failed = true;
    runs.push({ step: step.id ?? '', skipped: false, code: run.status, stdout: run.stdout, stderr: run.stderr });
  }
  return runs;
}

/** Empty GITHUB_ENV, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files in `folder`, as a runner makes them. */
export function runnerFiles(folder: string): { GITHUB_ENV: string; GITHUB_OUTPUT: string; GITHUB_STEP_SUMMARY: string } {
  const files = { GITHUB_ENV: path.join(folder, 'env'), GITHUB_OUTPUT: path.join(folder, 'output'), GITHUB_STEP_SUMMARY: path.join(folder, 'summary.md') };
  for (const file of Object.values(files)) appendFileSync(file, '');
  return files;
}
