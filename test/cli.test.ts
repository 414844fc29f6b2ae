import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, readdirSync, readlinkSync, statSync, symlinkSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { CORPUS, META, ROOT } from './support/book.js';
import { MLQ, mlq, mlqEnv } from './support/cli.js';

const temp = () => mkdtempSync(path.join(tmpdir(), 'mlq-cli-'));
const oneLine = (text: string) => text.trim().split('\n');

describe('mlq check on the verbatim upstream README', () => {
  it('exits 1 and reports the duplicate 66, both mixed depths and the title count, line-precise', () => {
    const run = mlq(['check', '--source', CORPUS]);
    expect(run.code).toBe(1);
    const file = path.relative(ROOT, CORPUS);
    expect(run.stdout).toContain(`${file}:419:1 error duplicate-number Question number 66 is used twice (first at line 416).`);
    // The same finding on two lines is one line of the text report.
    expect(run.stdout).toMatch(new RegExp(`${file}:416:1 warning mixed-heading-depth Question 66 is a depth-3 heading.* \\(also on line 419\\)\n`));
    expect(run.stdout).toContain(`${file}:1:1 warning title-count The title claims 65 questions, but the bank has 67.`);
    expect(oneLine(run.stdout).at(-1)).toBe('67 questions: 1 error, 5 warnings, 21 infos');
  });

  it('speaks GitHub workflow commands with --reporter github', () => {
    const run = mlq(['check', '--source', CORPUS, '--reporter', 'github']);
    expect(run.code).toBe(1);
    const file = path.relative(ROOT, CORPUS);
    expect(run.stdout).toContain(`::error file=${file},line=419,col=1,title=duplicate-number::Question number 66 is used twice (first at line 416).`);
    expect(run.stdout).toContain(`::warning file=${file},line=416,col=1,title=mixed-heading-depth::`);
    expect(run.stdout).toContain(`::warning file=${file},line=1,col=1,title=title-count::`);
    expect(run.stdout).toContain(`::notice file=${file},line=84,col=1,title=answer-only-link::`);
  });

  it('adds its verdict and a table of errors and warnings to the GitHub job summary, after what is there', () => {
    const summaryFile = path.join(temp(), 'summary.md');
    writeFileSync(summaryFile, '### an earlier step\n');
    const env = { GITHUB_STEP_SUMMARY: summaryFile };
    expect(mlq(['check', '--source', CORPUS, '--reporter', 'github'], { env }).code).toBe(1);
    const summary = readFileSync(summaryFile, 'utf8');
    const file = path.relative(ROOT, CORPUS);
    expect(summary.startsWith('### an earlier step\n### ❌ mlq check\n\n67 questions: 1 error, 5 warnings, 21 infos\n')).toBe(true);
    // Cells are text: every punctuation character backslash-escaped (see report.ts).
    const text = (s: string) => s.replace(/[!-/:-@[-`{-~]/g, '\\$&');
    expect(summary).toContain(`| error | duplicate-number | ${text(`${file}:419`)} | ${text('Question number 66 is used twice (first at line 416).')} |`);
    expect(summary.match(/^\| (error|warning) \|/gm)).toHaveLength(6);
    expect(summary).not.toContain('answer-only-link');
    // The text reporter is for a terminal: it leaves the job summary alone.
    mlq(['check', '--source', CORPUS], { env });
    expect(readFileSync(summaryFile, 'utf8')).toBe(summary);
  });

  it('gives exactly the documented shape with --reporter json', () => {
    const run = mlq(['check', '--source', CORPUS, '--reporter', 'json']);
    const report = JSON.parse(run.stdout);
    expect(Object.keys(report)).toEqual(['diagnostics', 'summary']);
    expect(report.summary).toEqual({ errors: 1, warnings: 5, infos: 21, questions: 67 });
    for (const d of report.diagnostics) expect(Object.keys(d)).toEqual(['rule', 'severity', 'message', 'hint', 'file', 'line', 'column']);
    expect(report.diagnostics.filter((d: { rule: string }) => d.rule === 'duplicate-number')).toHaveLength(1);
  });
});

describe('mlq check on the verbatim upstream NLP bank, and on broken TeX', () => {
  it("warns of the chatbot's leftover at its line and notes the generated answers once", () => {
    const file = path.join(ROOT, 'test/fixtures/upstream-NLP-README.md');
    const run = mlq(['check', '--source', file]);
    expect(run.code).toBe(0);
    const name = path.relative(ROOT, file);
    expect(run.stdout).toContain(`${name}:56:1 warning generated-text "Sure, here's" is a chatbot's leftover in an answer.`);
    expect(run.stdout).toContain(`${name}:4:42 info generated-text The bank says its answers were generated using ChatGPT`);
    expect(oneLine(run.stdout).at(-1)).toBe('13 questions: 0 errors, 1 warning, 1 info');
  });

  it('reports $\\frac{1}{$ in an answer as math-syntax at its line, with KaTeX\'s message, and exits 1', () => {
    const file = path.join(temp(), 'bank.md');
    writeFileSync(file, '# Bank\n\n#### 1) What is a half? [[src](https://s.example)]\n\nIt is $\\frac{1}{$ of one.\n');
    const run = mlq(['check', '--source', file, '--reporter', 'json']);
    expect(run.code).toBe(1);
    const [finding] = JSON.parse(run.stdout).diagnostics.filter((d: { rule: string }) => d.rule === 'math-syntax');
    expect(finding).toMatchObject({ severity: 'error', line: 5, column: 17 });
    expect(finding.message).toMatch(/^Math "\\frac\{1\}\{" cannot be rendered: Unexpected end of input in a macro argument, expected '\}'\.$/);
  });
});

describe('mlq build', () => {
  it('builds the banks in source/: 67 and 13 questions valid against the JSON Schema', () => {
    const out = temp();
    const run = mlq(['build', '--formats', 'json', '--out', out]);
    expect(run.stderr).not.toContain(' error ');
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/source\/README.md:81:1 warning no-answer Question 9 has no answer/);
    expect(run.stderr).toMatch(/source\/README.md:106:1 warning no-answer Question 14 has no answer/);
    expect(run.stderr).toMatch(/source\/NLP\/README.md:4:44 info generated-text The bank says its answers were generated using ChatGPT/);
    for (const n of [10, 11, 20]) expect(run.stderr).toMatch(new RegExp(`info answer-only-link Question ${n} is answered only by a link`));
    const json = JSON.parse(readFileSync(path.join(out, 'questions.json'), 'utf8'));
    const schema = JSON.parse(readFileSync(path.join(out, 'questions.schema.json'), 'utf8'));
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats.default(ajv);
    const valid = ajv.validate(schema, json);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(json.banks.map((bank: { file: string; questions: unknown[] }) => [bank.file, bank.questions.length])).toEqual([['README.md', 67], ['NLP/README.md', 13]]);
    const questions = json.banks[0].questions;
    expect(questions.map((q: { number: number }) => q.number)).toEqual(Array.from({ length: 67 }, (_, i) => i + 1));
    const ids = json.banks.flatMap((bank: { questions: { id: string }[] }) => bank.questions.map((q) => q.id));
    expect(new Set(ids).size).toBe(80);
    expect(questions[63].answerHtml).toContain('<pre><code>');
    // Math: MathML in the HTML (with its TeX as annotation), the TeX between dollars in the Markdown as written.
    const perplexity = json.banks[1].questions[7];
    expect(perplexity.title).toBe('What is perplexity used for?');
    expect(perplexity.answerHtml).toContain('<p>Perplexity = <span class="katex"><math xmlns="http://www.w3.org/1998/Math/MathML">');
    expect(perplexity.answerHtml).toContain('<annotation encoding="application/x-tex">2^{H(D)}</annotation>');
    expect(perplexity.answerHtml).not.toContain('language-math');
    expect(perplexity.answerMarkdown).toContain('Perplexity = $2^{H(D)}$');
    expect(perplexity.answerMarkdown).toContain('$w_i$ = the i-th word');
    // The text form only when mlq.yaml asks for it (output.jsonAnswers).
    expect(perplexity.answerText).toBeUndefined();
    expect(schema.$defs.question.properties.answerHtml.description).toMatch(/MathML/);
    expect(schema.$defs.question.properties.answerText.description).toMatch(/TeX/);
    expect(json.book.sourceDate).toBe('2023-11-14T22:13:20.000Z');
    expect(json.schemaVersion).toBe(4);
  });

  it('gives byte-identical JSON for the same source, from whatever folder it runs', () => {
    const [a, b] = [temp(), temp()];
    mlq(['build', '--formats', 'json', '--out', a]);
    mlq(['build', '--formats', 'json', '--out', b, '--config', path.join(ROOT, 'source/mlq.yaml')], { cwd: tmpdir() });
    expect(readFileSync(path.join(a, 'questions.json'))).toEqual(readFileSync(path.join(b, 'questions.json')));
  });

  it('refuses to publish with errors and leaves the previous output untouched', () => {
    const out = temp();
    expect(mlq(['build', '--formats', 'json', '--out', out]).code).toBe(0);
    const before = readFileSync(path.join(out, 'questions.json'));
    const run = mlq(['build', '--formats', 'json', '--out', out, '--source', CORPUS]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('mlq: not publishing: validation found 1 error(s)');
    expect(readFileSync(path.join(out, 'questions.json'))).toEqual(before);
    expect(readdirSync(path.dirname(out)).filter((n) => n.startsWith(`${path.basename(out)}.`))).toEqual([]);
    const forced = mlq(['build', '--formats', 'json', '--out', out, '--source', CORPUS, '--allow-errors']);
    expect(forced.code).toBe(0);
    expect(readFileSync(path.join(out, 'questions.json'))).not.toEqual(before);
  });

  it('shows progress on a terminal and none in CI', () => {
    const out = temp();
    const args = ['build', '--formats', 'json,csv', '--out', out];
    // util-linux's script(1) gives the build a terminal.
    const command = [process.execPath, MLQ, ...args].map((a) => `'${a}'`).join(' ');
    const { CI: _ci, ...env } = mlqEnv();
    const onTerminal = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: ROOT, encoding: 'utf8', env });
    expect(onTerminal.status).toBe(0);
    expect(onTerminal.stdout).toMatch(/^mlq: read 80 questions in \d+\.\d s\r?$/m);
    expect(onTerminal.stdout).toMatch(/^mlq: json done in \d+\.\d s\r?$/m);
    expect(onTerminal.stdout).toMatch(/^mlq: csv done in \d+\.\d s\r?$/m);
    expect(mlq(args).stderr).not.toMatch(/^mlq: (read|json|csv) /m);
  });

  it('interrupted while writing, leaves the previous output as it was and no staging folder', async () => {
    const parent = temp();
    const out = path.join(parent, 'out');
    mkdirSync(out);
    // Enough files that copying them into the staging folder takes a while to interrupt.
    for (let i = 0; i < 3000; i++) writeFileSync(path.join(out, `old-${i}.txt`), 'x'.repeat(100));
    writeFileSync(path.join(out, 'questions.json'), 'previous');
    writeFileSync(path.join(out, '.mlq-output'), 'made by mlq');
    const child = spawn(process.execPath, [MLQ, 'build', '--formats', 'json', '--out', out], { cwd: ROOT, env: mlqEnv() });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    // Interrupted as soon as the staging folder appears, while the 3,000 files are being copied into it.
    while (child.exitCode === null && child.signalCode === null) {
      await new Promise((resolve) => setTimeout(resolve, 2));
      if (readdirSync(parent).some((name) => name.startsWith('out.tmp-'))) {
        child.kill('SIGINT');
        break;
      }
    }
    expect(await exited).toBe('SIGINT');
    expect(readdirSync(parent)).toEqual(['out']);
    expect(readFileSync(path.join(out, 'questions.json'), 'utf8')).toBe('previous');
    expect(readdirSync(out)).toHaveLength(3002);
  });

  it('will not replace a folder that holds the working directory or the sources', () => {
    const dir = temp();
    mkdirSync(path.join(dir, 'bank'));
    writeFileSync(path.join(dir, 'bank/bank.md'), '# B\n\n#### 1) Why? [[src](https://s.example)]\nBecause.\n');
    for (const out of ['.', 'bank']) {
      const run = mlq(['build', '--source', 'bank/bank.md', '--formats', 'json', '--out', out], { cwd: dir });
      expect(run.code).toBe(2);
      expect(oneLine(run.stderr).at(-1)).toMatch(new RegExp(`^mlq: ${out}: will not replace a folder that holds (the working directory|bank/bank.md): choose another output folder$`));
    }
    expect(readdirSync(dir)).toEqual(['bank']);
    expect(readdirSync(path.join(dir, 'bank'))).toEqual(['bank.md']);
    // A folder whose name starts with two dots is inside, not a parent.
    mkdirSync(path.join(dir, 'out/..notes'), { recursive: true });
    writeFileSync(path.join(dir, 'out/..notes/bank.md'), readFileSync(path.join(dir, 'bank/bank.md')));
    const inside = mlq(['build', '--source', 'out/..notes/bank.md', '--formats', 'json', '--out', 'out'], { cwd: dir });
    expect(inside.code).toBe(2);
    expect(oneLine(inside.stderr).at(-1)).toBe('mlq: out: will not replace a folder that holds out/..notes/bank.md: choose another output folder');
  });

  it('keeps a relative symbolic link in the output folder relative', () => {
    const out = temp();
    expect(mlq(['build', '--formats', 'json', '--out', out]).code).toBe(0);
    writeFileSync(path.join(out, 'notes.txt'), 'kept');
    symlinkSync('notes.txt', path.join(out, 'latest.txt'));
    expect(mlq(['build', '--formats', 'json', '--out', out]).code).toBe(0);
    expect(readlinkSync(path.join(out, 'latest.txt'))).toBe('notes.txt');
  });

  it('rebuilds an output folder whose path contains ".tmp-"', () => {
    const out = path.join(temp(), 'x.tmp-1', 'dist');
    expect(mlq(['build', '--formats', 'json', '--out', out]).code).toBe(0);
    expect(mlq(['build', '--formats', 'json', '--out', out]).code).toBe(0);
    expect(readdirSync(path.dirname(out))).toEqual(['dist']);
  });

  it('embeds no file from outside the bank folder, whatever an image points at', () => {
    const dir = temp();
    writeFileSync(path.join(dir, 'bank.md'), '# B\n\n#### 1) Images? [[src](https://s.example)]\n![x](/etc/hostname) ![y](../../etc/passwd) <img src="%E0%A4%A.png">\n');
    const run = mlq(['build', '--source', path.join(dir, 'bank.md'), '--formats', 'pdf', '--out', path.join(dir, 'out')]);
    expect(run.code).toBe(0);
    for (const refusal of [
      '/etc/hostname is an absolute path: a local image is named relative to its bank',
      '../../etc/passwd goes through "..": hidden files and parent folders are not published',
      '%E0%A4%A.png is not a valid path (a broken %-escape)',
    ]) {
      expect(run.stderr).toContain(`image ${refusal}: the PDF shows its name instead`);
    }
  });

  it('does not follow a symbolic link out of the bank folder for an image', () => {
    const dir = temp();
    mkdirSync(path.join(dir, 'bank'));
    mkdirSync(path.join(dir, 'outside'));
    // A real PNG (1x1), outside the bank's folder, reached through a link inside it.
    writeFileSync(path.join(dir, 'outside/secret.png'), Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64'));
    symlinkSync('../outside/secret.png', path.join(dir, 'bank/img.png'));
    writeFileSync(path.join(dir, 'bank/bank.md'), '# B\n\n#### 1) Images? [[src](https://s.example)]\n![x](img.png)\n');
    const run = mlq(['build', '--source', path.join(dir, 'bank/bank.md'), '--formats', 'pdf', '--out', path.join(dir, 'out')]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("image img.png leads outside the bank's folder or to a hidden file (through a symbolic link)");
  });

  it("keeps the outputs of other formats when building one, and the folder's mode", () => {
    const out = temp();
    expect(mlq(['build', '--formats', 'csv', '--out', out]).code).toBe(0);
    writeFileSync(path.join(out, 'other.txt'), 'kept');
    expect(mlq(['build', '--formats', 'json', '--out', out]).code).toBe(0);
    expect(readFileSync(path.join(out, 'other.txt'), 'utf8')).toBe('kept');
    expect(readdirSync(out).sort()).toEqual(['.mlq-output', 'deck.csv', 'other.txt', 'questions.json', 'questions.schema.json']);
    expect(statSync(out).mode & 0o777).toBe(0o700); // mkdtemp's
    const fresh = path.join(temp(), 'dist');
    expect(mlq(['build', '--formats', 'json', '--out', fresh]).code).toBe(0);
    expect(statSync(fresh).mode & 0o777).toBe(0o755);
  });
});

describe('bad input: exit 2 with one clear line, no stack trace', () => {
  const dir = temp();
  const file = (name: string, content: string | Uint8Array) => {
    const p = path.join(dir, name);
    writeFileSync(p, content);
    return p;
  };
  const cases: [string, () => string[], RegExp][] = [
    ['a missing file', () => ['check', '--source', path.join(dir, 'nope.md')], /nope\.md: cannot read: no such file$/],
    ['an empty file', () => ['check', '--source', file('empty.md', '  \n')], /empty\.md: empty file$/],
    ['a file with only a byte-order mark', () => ['check', '--source', file('bom.md', '\uFEFF\n')], /bom\.md: empty file$/],
    ['an empty list of banks', () => ['check', '--config', file('none.yaml', 'sources: []\n')], /none\.yaml:1: sources: expected at least one entry$/],
    ['a binary file', () => ['check', '--source', file('bin.md', new Uint8Array([0x23, 0x0a, 0x89, 0x50, 0x00, 0x01]))], /bin\.md:2: binary data/],
    ['text that is not UTF-8', () => ['check', '--source', file('latin1.md', Buffer.from('# T\n\n#### 1) Caf\xe9?\n', 'latin1'))], /latin1\.md:3: not UTF-8 text$/],
    ['a bank without questions', () => ['check', '--source', file('none.md', '# Title\n\nJust prose.\n')], /none\.md: no questions found/],
    ['a directory', () => ['check', '--source', dir], /is a directory/],
    ['invalid YAML', () => ['check', '--config', file('bad.yaml', 'book:\n  title: [unclosed\n')], /bad\.yaml:\d+: invalid YAML: /],
    ['an unknown config key', () => ['check', '--config', file('key.yaml', 'book:\n  title: T\n  colour: red\n')], /key\.yaml:3: book\.colour: unknown key/],
    ['a wrong config type', () => ['check', '--config', file('type.yaml', 'rules:\n  no-source: loud\n')], /type\.yaml:2: rules\.no-source: expected error, warning, info or off$/],
    ['an unknown option', () => ['check', '--colour'], /^mlq: unknown option --colour \(see mlq --help\)$/],
    ['an unknown command', () => ['publish'], /unknown command "publish"/],
    ['an unknown reporter', () => ['check', '--reporter', 'xml'], /unknown reporter "xml"/],
    ['an unknown format', () => ['build', '--formats', 'json,docx'], /unknown format "docx"/],
    ['an option of another command', () => ['check', '--formats', 'json'], /option --formats does not apply to "mlq check"/],
    ['an unknown rule in the config', () => ['check', '--config', file('rule.yaml', 'rules:\n  no-sorce: off\n')], /rule\.yaml:2: rules\.no-sorce: unknown rule/],
    ['a bad skip pattern', () => ['check', '--config', file('skip.yaml', 'links:\n  skip:\n    - "(unclosed"\n')], /skip\.yaml:3: links\.skip\[0\]: not a regular expression/],
    ['quotes nested thousands deep', () => ['check', '--source', file('deep.md', `# B\n\n#### 1) Q?\n${'> '.repeat(3000)}x\n`)], /deep\.md:4: quotes or lists nested more than 100 levels deep$/],
    ['HTML tags nested 1,300 deep in an answer', () => ['check', '--source', file('spans.md', `# B\n\n#### 1) Q?\n\nText.\n\n${'<span>'.repeat(1300)}x${'</span>'.repeat(1300)}\n`)], /spans\.md:7: HTML tags, emphasis, quotes or lists nested more than 256 levels deep$/],
    ['HTML tags one level past the limit: a paragraph and 256 spans', () => ['check', '--source', file('spans-256.md', `# B\n\n#### 1) Q?\n\n${'<span>'.repeat(256)}x${'</span>'.repeat(256)}\n`)], /spans-256\.md:5: HTML tags, emphasis, quotes or lists nested more than 256 levels deep$/],
    // The 257th <div>, on line 7 + 2 * 256.
    ['HTML blocks that nest 300 deep together, each one level', () => ['check', '--source', file('divs.md', `# B\n\n#### 1) Q?\n\nText.\n\n${'<div>\n\n'.repeat(300)}x\n`)], /divs\.md:519: HTML tags, emphasis, quotes or lists nested more than 256 levels deep$/],
    ['emphasis nested 300 deep', () => ['check', '--source', file('em.md', `# B\n\n#### 1) Q?\n\n${'*a _b '.repeat(150)}x${'_ b* a'.repeat(150)}\n`)], /em\.md:5: HTML tags, emphasis, quotes or lists nested more than 256 levels deep$/],
    ['HTML tags nested 5,000 deep, past what the HTML parser itself can nest', () => ['check', '--source', file('spans-5000.md', `# B\n\n#### 1) Q?\n\n${'<span>'.repeat(5000)}x${'</span>'.repeat(5000)}\n`)], /spans-5000\.md:5: HTML tags, emphasis, quotes or lists nested more than 256 levels deep$/],
    ['HTML tags nested 300 deep in a title', () => ['check', '--source', file('title.md', `# B\n\n#### 1) Q ${'<b>'.repeat(300)}x${'</b>'.repeat(300)}?\n\nA.\n`)], /title\.md:3: HTML tags, emphasis, quotes or lists nested more than 256 levels deep$/],
    ['a line of five megabytes', () => ['check', '--source', file('long.md', `# B\n\n#### 1) Q?\n${'word '.repeat(1_000_000)}\n`)], /long\.md:4: line longer than 1000000 characters$/],
    ['emphasis nested thousands deep', () => ['check', '--source', file('stars.md', `# B\n\n#### 1) Q?\n${'*'.repeat(5000)}x${'*'.repeat(5000)}\n`)], /stars\.md:4: more than 2000 emphasis marks \(\* or _\) in one paragraph$/],
    [
      'an output path that is a file',
      () => ['build', '--formats', 'json', '--source', file('clean.md', '# B\n\n#### 1) Q? [[src](https://s.example)]\nA.\n'), '--out', file('not-a-folder', 'x')],
      /not-a-folder: exists and is not a folder$/,
    ],
  ];
  it.each(cases)('%s', (_name, args, message) => {
    const run = mlq(args());
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = oneLine(run.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^mlq: /);
    expect(lines[0]).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('elements nested just within the limit are written by every writer', () => {
    // A paragraph and 255 spans: 256 levels. The writers walk trees recursively; the limit keeps them within the stack.
    const bank = file('spans-255.md', `# B\n\n#### 1) Q? [[src](https://s.example)]\n\nText.\n\n${'<span>'.repeat(255)}deep${'</span>'.repeat(255)}\n`);
    const out = temp();
    const run = mlq(['build', '--source', bank, '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(out, 'questions.json'), 'utf8')).banks[0].questions[0].answerMarkdown).toContain('deep');
    for (const name of ['deck.csv', 'deck.apkg', 'guide.pdf', 'guide.epub', 'site/index.html']) expect(statSync(path.join(out, name)).size).toBeGreaterThan(0);
  });

  it('a malformed SOURCE_DATE_EPOCH', () => {
    const out = temp();
    for (const epoch of ['yesterday', '1.5', '253402300800']) {
      const run = mlq(['build', '--formats', 'json', '--out', out], { env: { SOURCE_DATE_EPOCH: epoch } });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`mlq: SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, up to the year 9999, not "${epoch}"\n`);
    }
    expect(mlq(['build', '--formats', 'json', '--out', out], { env: { SOURCE_DATE_EPOCH: '253402300799' } }).code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(out, 'questions.json'), 'utf8')).book.sourceDate).toBe('9999-12-31T23:59:59.000Z');
  });
});

describe('help and version', () => {
  it('prints usage, rules and exit codes', () => {
    const run = mlq(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('mlq build');
    expect(run.stdout).toContain('duplicate-number');
    expect(run.stdout).toContain('Exit codes: 0 ok');
  });

  it('prints the package version', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(mlq(['--version']).stdout.trim()).toBe(pkg.version);
  });
});

describe('config', () => {
  it('takes absolute paths for banks and output', () => {
    const dir = temp();
    writeFileSync(path.join(dir, 'bank.md'), '# A\n\n#### 1) First? [[src](https://s.example)]\nYes.\n');
    writeFileSync(path.join(dir, 'mlq.yaml'), `output:\n  dir: ${path.join(dir, 'out')}\nsources: [${path.join(dir, 'bank.md')}]\n`);
    expect(mlq(['build', '--config', path.join(dir, 'mlq.yaml'), '--formats', 'json']).code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 'out/questions.json'), 'utf8')).banks[0].questions).toHaveLength(1);
  });

  it('reads the banks listed in mlq.yaml relative to it, each as a bank of the book', () => {
    const dir = temp();
    mkdirSync(path.join(dir, 'banks'));
    writeFileSync(path.join(dir, 'banks/a.md'), '# A\n\n#### 1) First? [[src](https://s.example)]\nYes.\n');
    writeFileSync(path.join(dir, 'banks/b.md'), '# B\n\n## Topic\n\n#### 1) Second? [[src](https://s.example)]\nNo.\n');
    writeFileSync(path.join(dir, 'mlq.yaml'), 'book:\n  title: Two banks\noutput:\n  dir: out\nsources: [banks/a.md, banks/b.md]\n');
    const run = mlq(['build', '--config', path.join(dir, 'mlq.yaml'), '--formats', 'json']);
    expect(run.code).toBe(0);
    const json = JSON.parse(readFileSync(path.join(dir, 'out/questions.json'), 'utf8'));
    expect(json.book.title).toBe('Two banks');
    expect(json.banks.map((b: { title: string; sections: { title: string }[] }) => [b.title, b.sections.map((s) => s.title)])).toEqual([
      ['A', []],
      ['B', ['Topic']],
    ]);
  });
});

describe('a large bank', () => {
  it('is never cut before a sub-heading such as "5.1 Detail"', () => {
    let text = '# Bank\n\n';
    for (let n = 1; n <= 2400; n++) text += `#### ${n}) What is thing ${n}? [[src](https://s.example/${n})]\n#### ${n}.1 Detail\nDetail ${'text '.repeat(90)}\n\n`;
    const file = path.join(temp(), 'sub.md');
    writeFileSync(file, text);
    const report = JSON.parse(mlq(['check', '--source', file, '--reporter', 'json']).stdout);
    expect(report.summary).toEqual({ errors: 0, warnings: 0, infos: 0, questions: 2400 });
  });

  it('refuses a piece at its line whichever thread reads it (a worker that fails leaves its pieces to the main thread)', () => {
    // Every tenth answer is nested too deep, so whatever pieces the worker takes, it fails on one.
    const deep = `A ${'<span>'.repeat(300)}x${'</span>'.repeat(300)}`;
    let text = '# Bank\n\n';
    for (let n = 1; n <= 240; n++) text += `#### ${n}) What is thing ${n}? [[src](https://s.example/${n})]\n${n % 10 === 0 ? deep : 'text '.repeat(1000)}\n\n`;
    expect(text.length).toBeGreaterThan(1024 * 1024);
    const file = path.join(temp(), 'deep.md');
    writeFileSync(file, text);
    // Question 10's answer, the first too deep, is on line 4 + 9 * 3: each question takes three lines.
    const refusal = /^mlq: \S*deep\.md:31: HTML tags, emphasis, quotes or lists nested more than 256 levels deep$/;
    for (const threads of ['1', '2']) {
      const run = mlq(['check', '--source', file], { env: { MLQ_THREADS: threads, MLQ_DEBUG: '1' } });
      expect(run.code, `${threads} threads`).toBe(2);
      const lines = oneLine(run.stderr);
      expect(lines.filter((line) => !line.startsWith('mlq: debug:')), `${threads} threads`).toEqual([expect.stringMatching(refusal)]);
      // With two threads a worker reads pieces too: the refusal is the same whichever of them met one first.
      expect(lines.some((line) => /: \d+ pieces, \d+ read by 1 worker thread$/.test(line)), `${threads} threads`).toBe(threads === '2');
    }
  });

  it('is read on several threads with the same result as on one', async () => {
    const { multiplyBank } = await import('../src/bench/banks.js');
    const { parseBook } = await import('../src/read/parse.js');
    const { validate } = await import('../src/rules/validate.js');
    const dir = temp();
    const file = path.join(dir, 'big.md');
    const text = multiplyBank(readFileSync(path.join(ROOT, 'source/README.md'), 'utf8'), 30);
    expect(text.length).toBeGreaterThan(1024 * 1024);
    writeFileSync(file, text);
    const run = mlq(['check', '--source', file, '--reporter', 'json'], { env: { MLQ_THREADS: '2', MLQ_DEBUG: '1' } });
    const report = JSON.parse(run.stdout);
    expect(report.summary.questions).toBe(30 * 67);
    const [, pieces, fromWorker] = /: (\d+) pieces, (\d+) read by 1 worker thread\n$/.exec(run.stderr)!.map(Number);
    expect(fromWorker).toBeGreaterThan(0);
    expect(fromWorker).toBeLessThan(pieces!);
    const { shownPath } = await import('../src/io/paths.js');
    const relative = shownPath(file);
    const expected = validate(parseBook({ meta: META, sources: [{ file: relative, text }] }));
    expect(report.diagnostics).toEqual(expected);
    const out = path.join(dir, 'out');
    expect(mlq(['build', '--source', file, '--formats', 'json', '--out', out]).code).toBe(0);
    const { toQuestionsJson } = await import('../src/writers/json/index.js');
    const { loadConfig } = await import('../src/config.js');
    const built = JSON.parse(readFileSync(path.join(out, 'questions.json'), 'utf8'));
    const sequential = JSON.parse(JSON.stringify(toQuestionsJson(parseBook({ meta: META, sources: [{ file: relative, text }] }), await loadConfig('source/mlq.yaml'))));
    expect(built.banks).toEqual(sequential.banks);
    expect(built.banks[0].sections).toHaveLength(30);
    expect(built.banks[0].sections.at(-1).title).toBe('Part 30');
    expect(built.banks[0].questions.at(-1).section).toBe(built.banks[0].sections.at(-1).id);
  });
});

describe('the GitHub job summary', () => {
  const finding = (message: string) => ({ rule: 'no-source', severity: 'warning' as const, message, hint: '', file: 'a.md', line: 3, column: 1 });
  const counts = { errors: 0, warnings: 1, infos: 0, questions: 1 };

  it('keeps a message in its table cell, as text', async () => {
    const { jobSummary } = await import('../src/cli/report.js');
    const markdown = jobSummary('check', { annotated: [finding('a | b <script>x</script>\nnext \\| c')], rest: [] }, counts);
    expect(markdown).toContain('| warning | no-source | a\\.md\\:3 | a \\| b \\<script\\>x\\<\\/script\\> next \\\\\\| c |');
    expect(markdown).toContain('### ✅ mlq check');
  });

  it('lists 100 findings at most and says how many more the annotations hold', async () => {
    const { jobSummary } = await import('../src/cli/report.js');
    const markdown = jobSummary('links', { annotated: Array.from({ length: 130 }, (_, i) => finding(`finding ${i}`)), rest: [] }, { ...counts, warnings: 130 });
    expect(markdown.match(/^\| warning \|/gm)).toHaveLength(100);
    expect(markdown).toContain('and 30 more: see the annotations.');
    // More than GitHub shows on the pull request: the summary says so.
    expect(markdown).toContain('GitHub shows 10 annotations of each kind on the pull request; this step made 130 warnings.');
  });
});
