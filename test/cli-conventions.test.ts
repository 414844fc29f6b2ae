// The command line as its ecosystem expects it: colour on a terminal only, --quiet, folded repeats, SARIF,
// one-line usage errors, and messages that name the right place.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AjvDraft04Module from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { CORPUS, ROOT } from './support/book.js';
import { MLQ, mlq, mlqEnv } from './support/cli.js';
import { formatSize } from '../src/cli/size.js';
import { shownPath } from '../src/io/paths.js';
import { colorFor } from '../src/cli/style.js';
import { RULE_DOCS } from '../src/cli/rule-docs.js';

const temp = () => mkdtempSync(path.join(tmpdir(), 'mlq-conventions-'));
// CommonJS packages: the class and the plugin are their default exports.
const AjvDraft04 = AjvDraft04Module.default ?? AjvDraft04Module;
const ESC = '\u001b[';
const CORPUS_FILE = path.relative(ROOT, CORPUS);

/** `mlq ARGS` on a terminal (util-linux's script(1)), outside CI; stdout and stderr both reach the terminal. */
function onTerminal(args: string[], env: Record<string, string> = {}) {
  const command = [process.execPath, MLQ, ...args].map((a) => `'${a}'`).join(' ');
  const { CI: _ci, ...inherited } = mlqEnv();
  return spawnSync('script', ['-qec', command, '/dev/null'], { cwd: ROOT, encoding: 'utf8', env: { ...inherited, TERM: 'xterm', ...env } });
}

describe('colour', () => {
  it('colours errors red, warnings yellow and places dim on a terminal', () => {
    const run = onTerminal(['check', '--source', CORPUS]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`${ESC}2m${CORPUS_FILE}:419:1${ESC}22m ${ESC}31merror${ESC}39m duplicate-number`);
    expect(run.stdout).toContain(`${ESC}33mwarning${ESC}39m title-count`);
  });

  it('has none with NO_COLOR, in a pipe, or in CI; FORCE_COLOR forces it', () => {
    expect(onTerminal(['check', '--source', CORPUS], { NO_COLOR: '1' }).stdout).not.toContain(ESC);
    expect(mlq(['check', '--source', CORPUS], { env: { CI: '' } }).stdout).not.toContain(ESC);
    expect(mlq(['check', '--source', CORPUS]).stdout).not.toContain(ESC);
    expect(mlq(['check', '--source', CORPUS], { env: { FORCE_COLOR: '1' } }).stdout).toContain(`${ESC}31merror`);
  });

  it('follows no-color.org and force-color.org', () => {
    const tty = { isTTY: true };
    expect(colorFor(tty, {})).toBe(true);
    expect(colorFor({ isTTY: false }, {})).toBe(false);
    expect(colorFor(tty, { NO_COLOR: '1' })).toBe(false);
    expect(colorFor(tty, { NO_COLOR: '' })).toBe(true);
    expect(colorFor(tty, { CI: 'true' })).toBe(false);
    expect(colorFor(tty, { TERM: 'dumb' })).toBe(false);
    expect(colorFor({}, { FORCE_COLOR: '1' })).toBe(true);
    expect(colorFor(tty, { FORCE_COLOR: '0' })).toBe(false);
    expect(colorFor(tty, { NO_COLOR: '1', FORCE_COLOR: '1' })).toBe(false);
  });
});

describe('what the text report shows', () => {
  it('--quiet shows the errors and no warnings or infos', () => {
    const run = mlq(['check', '--quiet', '--source', CORPUS]);
    expect(run.code).toBe(1);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toEqual([
      `${CORPUS_FILE}:419:1 error duplicate-number Question number 66 is used twice (first at line 416). (hint: Renumber it, e.g. to 67 if it is the last one.)`,
      '67 questions: 1 error, 0 warnings, 0 infos',
    ]);
    // The bank in source/ has warnings only: -q prints them on no stream, and the build lists its files.
    const out = temp();
    const build = mlq(['build', '-q', '--formats', 'json', '--out', out]);
    expect(build.code).toBe(0);
    expect(build.stderr).toBe('');
  });

  it('folds one finding repeated on many lines into one line listing them', () => {
    const run = mlq(['check', '--source', CORPUS]);
    const insecure = run.stdout.split('\n').filter((line) => line.includes('houseofbots.com'));
    expect(insecure).toEqual([
      `${CORPUS_FILE}:15:58 info insecure-link Insecure link http://houseofbots.com/news-detail/2849-4-data-science-and-machine-learning-interview-questions. (hint: Use https:// if the site serves it.) (also on lines 19, 26, 38, 46, 54, 59, 152, 155, 158, 161, 164, 167, 170, 173)`,
    ]);
    // Every finding is still counted; the github reporter keeps one annotation per line.
    expect(run.stdout.trim().split('\n').at(-1)).toBe('67 questions: 1 error, 5 warnings, 21 infos');
    const github = mlq(['check', '--source', CORPUS, '--reporter', 'github']).stdout;
    expect(github.match(/^::notice .*houseofbots/gm)).toHaveLength(15);
  });

  it('lists the first 20 other lines of a finding repeated more often, and counts the rest', () => {
    const dir = temp();
    const bank = path.join(dir, 'bank.md');
    const questions = Array.from({ length: 30 }, (_, i) => `#### ${i + 1}) Question ${i + 1}?\n\nSee [it](http://plain.example/a).\n`);
    writeFileSync(bank, `# Questions\n\n${questions.join('\n')}`);
    const insecure = mlq(['check', '--source', bank]).stdout.split('\n').filter((line) => line.includes('insecure-link'));
    const lines = Array.from({ length: 20 }, (_, i) => 9 + 4 * i).join(', ');
    expect(insecure).toHaveLength(1);
    expect(insecure[0]).toMatch(new RegExp(`:5:5 info insecure-link .* \\(also on lines ${lines} and 9 more\\)$`));
  });

  it('stops quietly when its reader closes the pipe early (`mlq check | head -1`), with the verdict as exit code', () => {
    const dir = temp();
    const bank = path.join(dir, 'bank.md');
    // About 400 kB of report: far more than a pipe holds, so mlq is still writing when head exits.
    writeFileSync(bank, `# Questions\n\n${Array.from({ length: 3000 }, (_, i) => `#### ${i + 1}) Question number ${i + 1} without any answer?\n`).join('\n')}`);
    const script = `"${process.execPath}" "${MLQ}" check --source "${bank}" 2>"${dir}/stderr" | head -1; echo "exit \${PIPESTATUS[0]}"`;
    const run = spawnSync('bash', ['-c', script], { cwd: ROOT, encoding: 'utf8', env: mlqEnv() });
    expect(run.stdout).toMatch(/^\S+bank\.md:3:1 warning no-answer Question 1 has no answer\..*\nexit 0\n$/);
    expect(readFileSync(path.join(dir, 'stderr'), 'utf8')).toBe('');
  });

  it('exits 2 when its report cannot be written (a full disk), and says so on stderr when that is writable', () => {
    const full = (redirect: string) => spawnSync('bash', ['-c', `"${process.execPath}" "${MLQ}" check --source "${CORPUS}" ${redirect}`], { cwd: ROOT, encoding: 'utf8', env: mlqEnv() });
    const stdoutFull = full('>/dev/full');
    expect(stdoutFull.status).toBe(2);
    expect(stdoutFull.stderr).toBe('mlq: cannot write the report: ENOSPC\n');
    // check writes nothing to stderr, so its verdict stands (1: the corpus has an error); build writes its
    // findings there, and a build whose findings are lost exits 2 even though its files are written.
    expect(full('2>/dev/full').status).toBe(1);
    const out = temp();
    const build = spawnSync('bash', ['-c', `"${process.execPath}" "${MLQ}" build --formats json --out "${out}" >/dev/null 2>/dev/full`], { cwd: ROOT, encoding: 'utf8', env: mlqEnv() });
    expect(build.status).toBe(2);
  });

  it('lists built files in kB and MB', () => {
    const out = temp();
    const run = mlq(['build', '--formats', 'json', '--out', out]);
    expect(run.stdout).toMatch(/questions\.json \(\d+ kB\)\n/);
    expect(run.stdout).not.toContain('bytes');
    expect([formatSize(0), formatSize(999), formatSize(1000), formatSize(48_312), formatSize(411_002), formatSize(1_240_000)]).toEqual([
      '0 B', '999 B', '1.00 kB', '48.3 kB', '411 kB', '1.24 MB',
    ]);
  });
});

describe('--reporter sarif', () => {
  it('on the upstream corpus: valid SARIF 2.1.0 with an error at the second 66)', () => {
    const run = mlq(['check', '--source', CORPUS, '--reporter', 'sarif']);
    expect(run.code).toBe(1);
    const log = JSON.parse(run.stdout);
    // The OASIS schema (errata 01), kept in test/fixtures: JSON Schema draft 4, with its URI formats checked.
    const schema = JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/sarif-schema-2.1.0.json'), 'utf8'));
    const ajv = new AjvDraft04({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const valid = ajv.validate(schema, log);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(log.version).toBe('2.1.0');
    const driver = log.runs[0].tool.driver;
    expect(driver.name).toBe('mlq');
    expect(driver.rules.map((r: { id: string }) => r.id)).toEqual(RULE_DOCS.map((r) => r.id));
    for (const rule of driver.rules) {
      expect(rule.shortDescription.text).not.toBe('');
      expect(rule.help.text).not.toBe('');
    }
    const errors = log.runs[0].results.filter((r: { level: string }) => r.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0].ruleId).toBe('duplicate-number');
    expect(driver.rules[errors[0].ruleIndex].id).toBe('duplicate-number');
    expect(errors[0].locations[0].physicalLocation).toEqual({ artifactLocation: { uri: CORPUS_FILE }, region: { startLine: 419, startColumn: 1 } });
    // Every finding is a result, one per place: 27 of them, as the text reporter counts.
    expect(log.runs[0].results).toHaveLength(27);
  });

  it('is rejected by the schema when broken, so the check above can fail', () => {
    const schema = JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/sarif-schema-2.1.0.json'), 'utf8'));
    const ajv = new AjvDraft04({ strict: false });
    addFormats.default(ajv);
    expect(ajv.validate(schema, { version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
    expect(ajv.validate(schema, { version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }] })).toBe(false);
  });
});

describe('usage and error messages', () => {
  it('mlq check --frobnicate: exit 2 and one line naming the option', () => {
    const run = mlq(['check', '--frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('mlq: unknown option --frobnicate (see mlq --help)\n');
    expect(mlq(['check', '--source']).stderr).toBe('mlq: option --source needs a value (see mlq --help)\n');
    expect(mlq(['check', '--quiet=yes']).stderr).toBe('mlq: option --quiet takes no value (see mlq --help)\n');
  });

  it('a bare mlq: a short usage on stderr, nothing on stdout, exit 2', () => {
    const run = mlq([]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    // Every command is named, so that a newcomer finds fix, changes and init without --help.
    expect(run.stderr).toMatch(/^Usage: mlq build\|check\|links\|fix\|changes\|init\|serve \[options\]\n/);
    expect(mlq(['frobnicate']).stderr).toBe('mlq: unknown command "frobnicate" (expected build, check, links, fix, changes, init or serve; see mlq --help)\n');
    expect(run.stderr.split('\n').length).toBeLessThan(5);
    expect(mlq(['--help']).stdout).toContain('--reporter NAME');
  });

  it("build lists each output, and the site's files as one line unless --verbose", () => {
    const out = temp();
    const run = mlq(['build', '--source', CORPUS, '--formats', 'json,site', '--allow-errors', '--out', out]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines.slice(0, 2)).toEqual([expect.stringMatching(/questions\.json \(\d/), expect.stringMatching(/questions\.schema\.json \(\d/)]);
    // Named as every message names a file (relative, or absolute where that climbs to the root): the
    // folder under the system's temporary folder is one or the other, by where the clone sits.
    expect(lines[2]).toMatch(new RegExp(`^${shownPath(path.join(out, 'site'))}/ \\d+ files, [\\d.]+ (kB|MB)$`));
    expect(lines).toHaveLength(3);
    const verbose = mlq(['build', '--source', CORPUS, '--formats', 'json,site', '--allow-errors', '--out', out, '--verbose']).stdout.trim().split('\n');
    expect(verbose).toContain(`${shownPath(path.join(out, 'site/index.html'))} (${formatSize(readFileSync(path.join(out, 'site/index.html')).length)})`);
    expect(verbose.length).toBe(2 + Number(/ (\d+) files/.exec(lines[2]!)![1]));
  });

  it('--out naming a bank says it is an input, not a folder that holds one', () => {
    const run = mlq(['build', '--formats', 'json', '--out', 'source/README.md']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n').at(-1)).toBe('mlq: source/README.md: is an input of the build, not an output folder: choose another');
  });

  it('names a file outside the working tree by its absolute path, not ../../../dev/null', () => {
    const run = mlq(['check', '--source', '/dev/null']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('mlq: /dev/null: cannot read: is a device, pipe or socket, not a regular file\n');
  });

  it('reports a YAML syntax error at its line', () => {
    const dir = temp();
    writeFileSync(path.join(dir, 'mlq.yaml'), 'book:\n  title: : x\n');
    const run = mlq(['check', '--config', path.join(dir, 'mlq.yaml')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/mlq\.yaml:2: invalid YAML: /);
  });

  it('names the config line of a missing source', () => {
    const dir = temp();
    writeFileSync(path.join(dir, 'mlq.yaml'), 'book:\n  title: T\nsources:\n  - here.md\n  - missing.md\n');
    writeFileSync(path.join(dir, 'here.md'), '# B\n\n#### 1) Q? [[src](https://s.example)]\nA.\n');
    const run = mlq(['check'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('mlq: mlq.yaml:5: sources: missing.md: cannot read: no such file\n');
  });
});
