// Issue 10: hostile contributions and faults. Each test gives the input an attacker (or a fault) would,
// runs the real command under hard bounds (test/support/bounded.ts) and asserts the verdict.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { crc32, deflateSync } from 'node:zlib';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { unzipSync } from 'fflate';
import { toString as mdastToString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { describe, expect, it, vi } from 'vitest';
import { mlqAsync, mlqBounded, scratch, verdictLine } from './support/bounded.js';
import { MLQ, mlqEnv } from './support/cli.js';
import { bookOf } from './support/book.js';
import { epubXmlFiles, isScriptUrl, linkTargets, xmlErrors } from './support/outputs.js';
import { DEFAULT_CONFIG } from '../src/config.js';
import { FORMATS } from '../src/writers/index.js';
import { refusedAddress } from '../src/links/address.js';
import { checkLinks } from '../src/links/check.js';
import { startTestServer } from './links-server.js';

// Each run has its own kill bound (mlqBounded); vitest's timeout only has to outlast it on a loaded machine.
vi.setConfig({ testTimeout: 180_000 });

const BANK = '# B\n\n#### 1) Why? [[src](https://s.example)]\nBecause.\n';

describe('finding 2: devices and pipes are refused, not read', () => {
  it('a bank that links to /dev/zero, a source /dev/urandom, a FIFO', () => {
    const dir = scratch();
    symlinkSync('/dev/zero', path.join(dir, 'zero.md'));
    execFileSync('mkfifo', [path.join(dir, 'fifo.md')]);
    writeFileSync(path.join(dir, 'mlq.yaml'), 'sources: [/dev/urandom]\n');
    for (const [args, file] of [
      [['check', '--source', 'zero.md'], 'zero.md'],
      [['check', '--source', 'fifo.md'], 'fifo.md'],
      // A source of mlq.yaml is named at its line there, outside the working tree by its absolute path.
      [['check', '--config', 'mlq.yaml'], 'mlq.yaml:1: sources: /dev/urandom'],
    ] as const) {
      const run = mlqBounded([...args], { cwd: dir, killAfterMs: 20_000, heapMb: 256 });
      expect(run.signal).toBeNull();
      expect(run.code).toBe(2);
      expect(verdictLine(run)).toBe(`mlq: ${file}: cannot read: is a device, pipe or socket, not a regular file`);
    }
  });

  it('a link cache that is a FIFO or a folder is refused before any request; one linked to /dev/zero is not read', () => {
    const dir = scratch();
    // Port 9 (discard) on loopback: refused as a private address, so no request leaves the machine.
    writeFileSync(path.join(dir, 'bank.md'), '# B\n\n#### 1) Why? [[src](http://127.0.0.1:9/x)]\nBecause.\n');
    execFileSync('mkfifo', [path.join(dir, 'fifo.json')]);
    mkdirSync(path.join(dir, 'folder.json'));
    for (const [cache, verdict] of [
      ['fifo.json', 'exists and is not a regular file'],
      ['folder.json', 'is a folder, not a file'],
    ]) {
      const run = mlqBounded(['links', '--source', 'bank.md', '--cache', cache!], { cwd: dir, killAfterMs: 20_000, heapMb: 256 });
      expect(run.signal).toBeNull();
      expect(verdictLine(run)).toBe(`mlq: ${cache}: ${verdict}`);
      expect(run.code).toBe(2);
    }
    expect(readdirSync(dir).sort()).toEqual(['bank.md', 'fifo.json', 'folder.json']);
    symlinkSync('/dev/zero', path.join(dir, 'zero.json'));
    const run = mlqBounded(['links', '--source', 'bank.md', '--cache', 'zero.json'], { cwd: dir, killAfterMs: 20_000, heapMb: 256 });
    expect(run.signal).toBeNull();
    expect(run.stdout).toContain('link-private');
    expect(run.stdout).toContain('1 URL: 1 checked, 0 from the cache');
    // The link is replaced by the cache, never written through.
    expect(lstatSync(path.join(dir, 'zero.json')).isFile()).toBe(true);
  });
});

/** A bank folder with a clean bank, and a built output folder `out` beside it. */
function builtOutput(formats = 'json'): { dir: string; out: string } {
  const dir = scratch();
  writeFileSync(path.join(dir, 'bank.md'), BANK);
  const out = path.join(dir, 'out');
  const run = mlqBounded(['build', '--source', 'bank.md', '--formats', formats, '--out', 'out'], { cwd: dir });
  expect(run.code).toBe(0);
  return { dir, out };
}

describe('finding 1: links in the output folder are replaced, never written through', () => {
  it('a deck.csv linked to authorized_keys, a dangling absolute link, an output folder that is a link', () => {
    const { dir, out } = builtOutput('csv');
    mkdirSync(path.join(dir, 'home/.ssh'), { recursive: true });
    writeFileSync(path.join(dir, 'home/.ssh/authorized_keys'), 'ssh-ed25519 AAAA owner\n');
    rmSync(path.join(out, 'deck.csv'));
    symlinkSync('../home/.ssh/authorized_keys', path.join(out, 'deck.csv'));
    symlinkSync(path.join(dir, 'created-by-link'), path.join(out, 'questions.json'));
    for (let i = 0; i < 2; i++) {
      const run = mlqBounded(['build', '--source', 'bank.md', '--formats', 'csv,json', '--out', 'out'], { cwd: dir });
      expect(run.code).toBe(0);
      expect(readFileSync(path.join(dir, 'home/.ssh/authorized_keys'), 'utf8')).toBe('ssh-ed25519 AAAA owner\n');
      expect(existsSync(path.join(dir, 'created-by-link'))).toBe(false);
      expect(lstatSync(path.join(out, 'deck.csv')).isFile()).toBe(true);
      expect(lstatSync(path.join(out, 'questions.json')).isFile()).toBe(true);
    }
    symlinkSync('home', path.join(dir, 'linked'));
    const run = mlqBounded(['build', '--source', 'bank.md', '--formats', 'csv', '--out', 'linked'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(verdictLine(run)).toBe('mlq: linked: is a symbolic link: will not write through it (choose a real folder)');
    expect(readdirSync(path.join(dir, 'home'))).toEqual(['.ssh']);
  });
});

describe('finding 6: the output folder is checked on real paths, and must be mlq\'s own', () => {
  it('--out ../l/work, where l links to the parent, is the working directory', () => {
    const dir = scratch();
    mkdirSync(path.join(dir, 'work'));
    writeFileSync(path.join(dir, 'work/bank.md'), BANK);
    symlinkSync(dir, path.join(dir, 'l'));
    const run = mlqBounded(['build', '--source', 'bank.md', '--formats', 'json', '--out', '../l/work'], { cwd: path.join(dir, 'work') });
    expect(run.code).toBe(2);
    expect(verdictLine(run)).toBe('mlq: ../l/work: will not replace a folder that holds the working directory: choose another output folder');
    expect(readdirSync(path.join(dir, 'work'))).toEqual(['bank.md']);
  });

  it('a folder mlq did not make is refused, untouched; a read-only one too, with nothing left behind', () => {
    const dir = scratch();
    writeFileSync(path.join(dir, 'bank.md'), BANK);
    mkdirSync(path.join(dir, 'mine'), { mode: 0o700 });
    writeFileSync(path.join(dir, 'mine/notes.txt'), 'mine');
    const foreign = mlqBounded(['build', '--source', 'bank.md', '--formats', 'json', '--out', 'mine'], { cwd: dir });
    expect(foreign.code).toBe(2);
    expect(verdictLine(foreign)).toBe('mlq: mine: was not made by mlq (it has no .mlq-output): will not replace it; empty it or choose another output folder');
    expect(readdirSync(path.join(dir, 'mine'))).toEqual(['notes.txt']);
    expect(statSync(path.join(dir, 'mine')).mode & 0o777).toBe(0o700);
    const { out } = builtOutput();
    chmodSync(out, 0o555);
    const readOnly = mlqBounded(['build', '--source', 'bank.md', '--formats', 'json', '--out', 'out'], { cwd: path.dirname(out) });
    expect(readOnly.code).toBe(2);
    expect(verdictLine(readOnly)).toBe('mlq: out: is read-only: will not replace it');
    expect(readdirSync(path.dirname(out)).sort()).toEqual(['bank.md', 'out']);
    chmodSync(out, 0o755);
  });
});

describe('finding 8: one build at a time per output folder', () => {
  it('builds started together either succeed or say another build is writing; none loses files', async () => {
    const { dir, out } = builtOutput();
    mkdirSync(path.join(out, 'many'));
    for (let i = 0; i < 2000; i++) writeFileSync(path.join(out, 'many', `${i}.txt`), 'x');
    const runs = await Promise.all(
      Array.from({ length: 6 }, () => mlqAsync(['build', '--source', 'bank.md', '--formats', 'json', '--out', 'out'], { cwd: dir })),
    );
    for (const run of runs) {
      expect(run.signal).toBeNull();
      if (run.code !== 0) {
        expect(run.code).toBe(2);
        expect(verdictLine(run)).toMatch(/^mlq: out: another build is writing it \(process \d+; out\.lock\): try again when it is done$/);
      }
    }
    expect(runs.some((run) => run.code === 0)).toBe(true);
    expect(readdirSync(path.join(out, 'many'))).toHaveLength(2000);
    expect(readdirSync(dir).sort()).toEqual(['bank.md', 'out']);
  });
});

describe('finding 17: the staging folder of a killed build is removed by the next one', () => {
  it('SIGKILL while copying, then a build', async () => {
    const { dir, out } = builtOutput();
    for (let i = 0; i < 5000; i++) writeFileSync(path.join(out, `old-${i}.txt`), 'x');
    const child = spawn(process.execPath, [MLQ, 'build', '--source', 'bank.md', '--formats', 'json', '--out', 'out'], { cwd: dir, env: mlqEnv() });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    let killed = false;
    while (!killed && child.exitCode === null) {
      await new Promise((resolve) => setTimeout(resolve, 2));
      if (readdirSync(dir).some((name) => name.startsWith('out.tmp-'))) killed = child.kill('SIGKILL');
    }
    await exited;
    expect(killed).toBe(true);
    expect(readdirSync(dir).filter((name) => name.startsWith('out.')).length).toBeGreaterThan(0);
    const run = mlqBounded(['build', '--source', 'bank.md', '--formats', 'json', '--out', 'out'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['bank.md', 'out']);
    expect(readdirSync(out)).toHaveLength(5003);
  });
});

describe('finding 5: "]]>" in a title or an answer is escaped in every XML file of the EPUB', () => {
  it('the XHTML pages, the nav and the cover SVG parse as XML', () => {
    const dir = scratch();
    writeFileSync(path.join(dir, 'mlq.yaml'), 'book:\n  title: "Book ]]> title"\n  authors: ["A ]]> B"]\nsources: [bank.md]\n');
    writeFileSync(path.join(dir, 'bank.md'), '# B\n\n#### 1) What is ]]> here? [[src](https://s.example)]\nThe answer ]]> and `code ]]>`.\n\n| a ]]> |\n| --- |\n| ]]> |\n');
    const run = mlqBounded(['build', '--config', 'mlq.yaml', '--formats', 'epub', '--out', 'out'], { cwd: dir, killAfterMs: 60_000 });
    expect(run.code).toBe(0);
    const files = epubXmlFiles(readFileSync(path.join(dir, 'out/guide.epub')));
    expect(Object.keys(files)).toContain('OEBPS/cover.svg');
    expect(Object.values(files).join('')).toContain(']]&gt;');
    for (const [name, text] of Object.entries(files)) expect(xmlErrors(text), name).toEqual([]);
  });
});

describe('finding 7: a URL from the config passes the link filter', () => {
  it('book.upstream "javascript:alert(5)" is refused at its line', () => {
    const dir = scratch();
    writeFileSync(path.join(dir, 'bank.md'), BANK);
    for (const url of ['javascript:alert(5)', ' JaVaScRiPt:alert(5)', 'data:text/html,x', '/relative']) {
      writeFileSync(path.join(dir, 'mlq.yaml'), `sources: [bank.md]\nbook:\n  upstream: "${url}"\n`);
      const run = mlqBounded(['build', '--config', 'mlq.yaml', '--formats', 'epub,pdf', '--out', 'out'], { cwd: dir });
      expect(run.code).toBe(2);
      expect(verdictLine(run)).toBe('mlq: mlq.yaml:3: book.upstream: expected an http(s) URL');
    }
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('and the writers link it only through the filter, however they are called', async () => {
    const book = bookOf(BANK);
    book.meta.upstream = 'javascript:alert(5)';
    const context = { config: DEFAULT_CONFIG, readAsset: async () => 'was not found' };
    for (const format of ['epub', 'pdf'] as const) {
      const { files } = await (await FORMATS[format].load()).write(book, context);
      const targets =
        format === 'epub'
          ? Object.values(epubXmlFiles(files[0]!.bytes)).flatMap((xml) => linkTargets(xml, 'xml'))
          : linkTargets(Buffer.from(files[0]!.bytes).toString('latin1'), 'pdf');
      expect(targets.length).toBeGreaterThan(0);
      expect(targets.filter(isScriptUrl)).toEqual([]);
    }
  });
});

describe('finding 16: keys of Object.prototype are unknown keys of mlq.yaml', () => {
  it.each(['book:\n  toString: x\n', 'toString: x\n', '__proto__:\n  title: x\n', 'book:\n  constructor: x\n', 'links:\n  hasOwnProperty: x\n'])('%j', (yaml) => {
    const dir = scratch();
    writeFileSync(path.join(dir, 'mlq.yaml'), yaml);
    const run = mlqBounded(['check', '--config', 'mlq.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(verdictLine(run)).toMatch(/^mlq: mlq\.yaml:\d+: [\w.]+: unknown key \(expected one of: /);
  });
});

describe('finding 10: control characters from a bank never reach a terminal raw', () => {
  it.each(['text', 'github'])('--reporter %s', (reporter) => {
    const dir = scratch();
    // A heading that would clear the screen, ring the bell and reverse the text; the finding quotes it.
    writeFileSync(path.join(dir, 'bank.md'), `${BANK}\n#### 2 Why \u001b[2J\u001b]0;owned\u0007 \u202eevil?\nAgain.\n`);
    const run = mlqBounded(['check', '--source', 'bank.md', '--reporter', reporter!], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('malformed-question-heading');
    expect(run.stdout).toMatch(/Why ␛\[2J␛\]0;owned␇ �evil\?/);
    expect(run.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  });
});

describe('finding 10, on stderr: a file name with control characters in an error or a warning', () => {
  it('a bank named with ESC and BEL that cannot be read', () => {
    const dir = scratch();
    const name = 'x\u001b[2J\u0007.md';
    mkdirSync(path.join(dir, name));
    const run = mlqBounded(['check', '--source', name], { cwd: dir });
    expect(run.code).toBe(2);
    expect(verdictLine(run)).toBe('mlq: x␛[2J␇.md: cannot read: is a directory');
    expect(run.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });
});

/** The table cells of Markdown as GitHub renders it (GFM), and whether it has images, links or HTML. */
function renderedSummary(markdown: string): { cells: string[]; active: string[] } {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(markdown);
  const cells: string[] = [];
  const active: string[] = [];
  visit(tree, (node) => {
    // The zero-width spaces that break autolinks are invisible.
    if (node.type === 'tableCell') cells.push(mdastToString(node).replace(/\u200b/g, ''));
    if (['image', 'link', 'html', 'emphasis', 'strong', 'inlineCode', 'delete', 'imageReference', 'linkReference'].includes(node.type)) active.push(node.type);
  });
  return { cells, active };
}

describe('finding 11: the job summary shows a finding as text, never as Markdown', () => {
  it('an image, a link, emphasis, code and HTML inside a URL; autolinks in a heading', () => {
    const dir = scratch();
    const summary = path.join(dir, 'summary.md');
    const url = 'http://s.example/![x](https://evil.example/t.png)*b*`c`[y](https://evil.example)<b>x</b>~~s~~';
    writeFileSync(path.join(dir, 'mlq.yaml'), 'sources: [bank.md]\nrules:\n  insecure-link: warning\n');
    writeFileSync(path.join(dir, 'bank.md'), `${BANK}See <${url.replace(/[<>]/g, encodeURIComponent)}>.\n\n#### 2 Why www.evil.example https://evil.example/p?\nAgain.\n`);
    const run = mlqBounded(['check', '--config', 'mlq.yaml', '--reporter', 'github'], { cwd: dir, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(run.code).toBe(1);
    const { cells, active } = renderedSummary(readFileSync(summary, 'utf8'));
    expect(active).toEqual([]);
    expect(cells).toContain('Insecure link http://s.example/![x](https://evil.example/t.png)*b*`c`[y](https://evil.example)%3Cb%3Ex%3C/b%3E~~s~~.');
    expect(cells).toContain('Heading "2 Why www.evil.example https://evil.example/p?" looks like a question but is not one.');
    expect(cells).toContain('bank.md:7');
    expect(cells).toContain('bank.md:5');
  });
});

describe('finding 12: deck.csv cells never start a spreadsheet formula', () => {
  it('a back field and a deck name that start with =, + , - or @', () => {
    const dir = scratch();
    writeFileSync(path.join(dir, 'mlq.yaml'), 'sources: [bank.md]\ndeck:\n  name: "=HYPERLINK(\\"https://evil.example\\",\\"x\\")"\n');
    writeFileSync(path.join(dir, 'bank.md'), '# B\n\n#### 1) Why? [[src](https://s.example)]\n<!---->=HYPERLINK("https://evil.example","x")\n\n#### 2) Plus? [[src](https://s.example)]\n<!---->+1+2\n\n#### 3) At? [[src](https://s.example)]\n<!---->@SUM(1)\n');
    const run = mlqBounded(['build', '--config', 'mlq.yaml', '--formats', 'csv', '--out', 'out'], { cwd: dir });
    expect(run.code).toBe(0);
    const rows = parse(readFileSync(path.join(dir, 'out/deck.csv'), 'utf8'), { comment: '#', relax_column_count: true }) as string[][];
    expect(rows).toHaveLength(3);
    for (const row of rows) for (const field of row) expect(field).not.toMatch(/^[=+\-@\t\r]/);
    expect(rows.map((row) => row[3]!.slice(0, 5))).toEqual(['&#61;', '&#43;', '&#64;']);
    expect(rows[0]![1]).toBe('HYPERLINK("https://evil.example","x")');
  });
});

describe('finding 17: control characters stay out of deck names', () => {
  it('a deck name and a section (a topic tag) with ESC, BEL, tab and a line break, in deck.csv and deck.apkg', () => {
    const dir = scratch();
    writeFileSync(path.join(dir, 'mlq.yaml'), 'sources: [bank.md]\ndeck:\n  name: "My\\u001b[31m\\tDeck\\u0007\\nnext\\u0085"\n');
    writeFileSync(path.join(dir, 'bank.md'), '# B\n\n## Sec\u001btion\u0007\n\n#### 1) Why? [[src](https://s.example)]\nBecause.\n');
    const run = mlqBounded(['build', '--config', 'mlq.yaml', '--formats', 'csv,apkg', '--out', 'out'], { cwd: dir });
    expect(run.code).toBe(0);
    const rows = parse(readFileSync(path.join(dir, 'out/deck.csv'), 'utf8'), { comment: '#', relax_column_count: true }) as string[][];
    expect(rows[0]![1]).toBe('My [31m Deck next');
    expect(rows[0]![5]).toBe('topic::sec-tion source::s.example');
    const apkg = unzipSync(readFileSync(path.join(dir, 'out/deck.apkg')));
    const database = Buffer.from(apkg['collection.anki2']!).toString('latin1');
    expect(database).toContain('My [31m Deck next');
    expect(database).not.toMatch(/My[^"]*\u001b/);
  });
});

describe('finding 14: the whole IPv6 special-purpose registry is refused', () => {
  const refused = ['::127.0.0.1', '::7f00:1', '::ffff:0:7f00:1', '::ffff:a9fe:a9fe', '2002:7f00:1::', '2002:a9fe:a9fe::1', '64:ff9b:1::a00:1', 'fec0::1', '2001::1', '2001:db8::1', '100::1', '3fff::1', '5f00::1', '192.0.2.1', '198.51.100.7', '203.0.113.9', '192.88.99.1'];
  it.each(refused)('refusedAddress(%s)', (address) => expect(refusedAddress(address)).toMatch(/is a loopback, private, link-local or metadata address$/));

  it('mlq links reports each as link-private without a request', () => {
    const dir = scratch();
    const urls = ['http://[::127.0.0.1]/', 'http://[2002:7f00:1::]/', 'http://[::ffff:0:7f00:1]/', 'http://[64:ff9b:1::a00:1]/', 'http://[fec0::1]/'];
    writeFileSync(path.join(dir, 'bank.md'), `# B\n\n#### 1) Why? [[src](https://s.example)]\n${urls.map((url) => `<${url}>`).join(' ')}\n`);
    const run = mlqBounded(['links', '--source', 'bank.md', '--no-cache', '--reporter', 'json'], { cwd: dir, killAfterMs: 30_000 });
    const diagnostics = (JSON.parse(run.stdout) as { diagnostics: { rule: string; message: string }[] }).diagnostics;
    for (const url of urls) expect(diagnostics.filter((d) => d.rule === 'link-private' && d.message.includes(new URL(url).hostname)), url).toHaveLength(1);
  });
});

describe('finding 15: links.skip patterns run in linear time', () => {
  it('"(a+)+$" against a 31-character URL; a lookahead is refused at its line', () => {
    const dir = scratch();
    // 2^30 ways to split the a's: a backtracking engine never finishes "(a+)+$" on it.
    const url = `http://x.example/${'a'.repeat(30)}!`;
    writeFileSync(path.join(dir, 'bank.md'), `# B\n\n#### 1) Why? [[src](${url})]\nBecause.\n`);
    writeFileSync(path.join(dir, 'mlq.yaml'), 'sources: [bank.md]\nlinks:\n  skip: ["(a+)+$", "(x+x+)+y", "^http://x\\\\.example/a+!$"]\n');
    const run = mlqBounded(['links', '--config', 'mlq.yaml', '--no-cache'], { cwd: dir, killAfterMs: 30_000 });
    expect(run.signal).toBeNull();
    // Skipped, so not requested (the name does not resolve: a request would be link-broken, exit 1).
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('1 question: 0 errors, 0 warnings, 0 infos');
    writeFileSync(path.join(dir, 'mlq.yaml'), 'sources: [bank.md]\nlinks:\n  skip:\n    - "(?=a)b"\n');
    const lookahead = mlqBounded(['check', '--config', 'mlq.yaml'], { cwd: dir });
    expect(lookahead.code).toBe(2);
    expect(verdictLine(lookahead)).toMatch(/^mlq: mlq\.yaml:4: links\.skip\[0\]: not a regular expression: .*unsupported Perl syntax/);
  });
});

describe('finding 3: DNS rebinding does not get past link-private', () => {
  it('a name that is public when checked and 127.0.0.1 when connected is not requested', async () => {
    const server = await startTestServer();
    try {
      const { port } = new URL(server.base);
      const answers = { check: 0, connect: 0 };
      // The first answer (the check) is public; every later one (the connection) is loopback, where the server listens.
      const lookup = async (name: string) => (name !== 'rebind.test' ? [] : answers.check++ === 0 ? ['93.184.216.34'] : (answers.connect++, ['127.0.0.1']));
      const [verdict] = await checkLinks([`http://rebind.test:${port}/ok`], { lookup, timeoutMs: 5_000, retries: 0 });
      expect(answers.connect).toBeGreaterThan(0);
      expect(verdict).toMatchObject({ state: 'private', reason: expect.stringMatching(/^when connecting, rebind\.test resolves to 127\.0\.0\.1 is a loopback/) });
      expect(server.requests).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

describe('finding 13: mlq links listens on loopback only, keeps its verdicts when interrupted, leaves nothing behind', () => {
  it('SIGTERM while a slow link is pending', async () => {
    const server = await startTestServer();
    try {
      const dir = scratch();
      const before = readdirSync(tmpdir()).filter((name) => name.startsWith('mlq-links-'));
      writeFileSync(path.join(dir, 'bank.md'), `# B\n\n#### 1) Why? [[src](${server.base}/ok)]\nSee ${server.base}/gone404 and ${server.base}/slow.\n`);
      const child = spawn(process.execPath, [MLQ, 'links', '--source', 'bank.md', '--allow-private', '--cache', 'cache.json'], { cwd: dir, env: mlqEnv() });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
      const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      while (server.count('/slow') === 0 || server.count('/gone404') < 2) await new Promise((resolve) => setTimeout(resolve, 10));
      const listening = execFileSync('ss', ['-Hltnp'], { encoding: 'utf8' }).split('\n').filter((line) => line.includes(`pid=${child.pid},`));
      expect(listening.length).toBeGreaterThan(0);
      for (const line of listening) expect(line.split(/\s+/)[3]).toMatch(/^127\.0\.0\.1:\d+$/);
      await new Promise((resolve) => setTimeout(resolve, 300)); // the 404 is answered; /slow answers after 3 s
      child.kill('SIGTERM');
      expect(await exited).toBe('SIGTERM');
      clearTimeout(killer);
      const cache = JSON.parse(readFileSync(path.join(dir, 'cache.json'), 'utf8')) as { entries: Record<string, { verdict: { state: string } }> };
      expect(Object.fromEntries(Object.entries(cache.entries).map(([url, entry]) => [url.slice(server.base.length), entry.verdict.state]))).toEqual({ '/ok': 'ok', '/gone404': 'broken' });
      expect(readdirSync(dir).sort()).toEqual(['bank.md', 'cache.json']);
      expect(readdirSync(tmpdir()).filter((name) => name.startsWith('mlq-links-'))).toEqual(before);
    } finally {
      await server.close();
    }
  });
});

/** A PNG whose header says width x height; the pixel data is a token (the header is what mlq reads first). */
function pngOf(width: number, height: number, data = deflateSync(Buffer.alloc(height + 1))): Buffer {
  const chunk = (type: string, body: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'latin1'), body])));
    return Buffer.concat([length, Buffer.from(type, 'latin1'), body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', data), chunk('IEND', Buffer.alloc(0))]);
}

const pdfWords = (file: string) =>
  [...execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).matchAll(/xMax="([\d.]+)"/g)].map((m) => Number(m[1]));

describe('finding 4: small inputs cost bounded time and memory', () => {
  it('a 30 KB unbreakable word and a 160-character code token stay on the page', () => {
    const dir = scratch();
    writeFileSync(path.join(dir, 'bank.md'), `${BANK}${'w'.repeat(30_000)}\n\n\`\`\`python\ny = "${'z'.repeat(160)}"\n\`\`\`\n`);
    const run = mlqBounded(['build', '--source', 'bank.md', '--formats', 'pdf', '--out', 'out'], { cwd: dir, killAfterMs: 90_000, heapMb: 512 });
    expect(run.signal).toBeNull();
    expect(run.code).toBe(0);
    const right = pdfWords(path.join(dir, 'out/guide.pdf'));
    expect(right.length).toBeGreaterThan(100);
    expect(Math.max(...right)).toBeLessThanOrEqual(595.28 - 56 + 0.5); // A4 less the right margin
  });

  it('a 16000x16000 PNG is not decoded; one file under three spellings is embedded once', () => {
    const dir = scratch();
    writeFileSync(path.join(dir, 'huge.png'), pngOf(16_000, 16_000));
    writeFileSync(path.join(dir, 'x.png'), pngOf(2, 2, deflateSync(Buffer.alloc(2 * 3)))); // 2 rows: a filter byte and 2 samples
    writeFileSync(path.join(dir, 'bank.md'), `${BANK}![h](huge.png)\n\n![a](x.png) ![b](./x.png) ![c](.//x.png)\n`);
    const run = mlqBounded(['build', '--source', 'bank.md', '--formats', 'pdf', '--out', 'out'], { cwd: dir, killAfterMs: 60_000, heapMb: 512 });
    expect(run.signal).toBeNull();
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('bank.md: image huge.png has 16000x16000 pixels (the limit is 25000000): the PDF shows its name instead');
    const pdf = readFileSync(path.join(dir, 'out/guide.pdf'), 'latin1');
    expect(pdf.match(/\/Subtype \/Image/g)).toHaveLength(1);
  });

  it('20,000 questions with the same title', () => {
    const dir = scratch();
    writeFileSync(path.join(dir, 'bank.md'), `# B\n\n${Array.from({ length: 20_000 }, (_, i) => `#### ${i + 1}) Same? [[src](https://s.example)]\nA.\n`).join('\n')}`);
    const run = mlqBounded(['check', '--source', 'bank.md'], { cwd: dir, killAfterMs: 150_000, heapMb: 1024 });
    expect(run.signal).toBeNull();
    expect(run.stdout.trim().split('\n').at(-1)).toBe('20000 questions: 0 errors, 19999 warnings, 0 infos');
    expect(run.stdout).toContain('Question 20000 repeats question 1');
  }, 200_000); // the kill bound decides, not vitest's default timeout

  const refused: [string, string, string][] = [
    ['*a**a x20000', '*a**a'.repeat(20_000), 'bank.md:5: more than 2000 emphasis marks (* or _) in one paragraph'],
    ['**a x40000', '**a'.repeat(40_000), 'bank.md:5: more than 2000 emphasis marks (* or _) in one paragraph'],
    ['20000 * around a letter', `${'*'.repeat(10_000)}a${'*'.repeat(10_000)}`, 'bank.md:5: more than 2000 emphasis marks (* or _) in one paragraph'],
    ['a 100k-row table', `| a | b |\n| - | - |\n${'| x | y |\n'.repeat(100_000)}`, 'bank.md:16670: more than 50000 pipes, brackets and < to parse at once (tables, links or tags; a heading at the margin starts a new part, unless the bank has link definitions); the limit is 50000 (markupChars)'],
    ['10^5 links', Array.from({ length: 100_000 }, (_, i) => `[l](https://x.example/${i})`).join('\n'), 'bank.md:25003: more than 50000 pipes, brackets and < to parse at once (tables, links or tags; a heading at the margin starts a new part, unless the bank has link definitions); the limit is 50000 (markupChars)'],
    ['one 50 MB answer', 'word '.repeat(20).concat('\n').repeat(500_000), 'bank.md:9905: answer longer than 1000000 characters (from the heading at line 3)'],
  ];
  it.each(refused)('%s is refused at its line', (_name, answer, verdict) => {
    const dir = scratch();
    writeFileSync(path.join(dir, 'bank.md'), `${BANK}${answer}\n`);
    // build reads through the same load() as check: one case runs both, the rest check only (CI has 2 cores).
    for (const command of answer === refused[0]![1] ? ['check', 'build'] : ['check']) {
      const run = mlqBounded([command, '--source', 'bank.md', '--out', 'out'].slice(0, command === 'check' ? 3 : 5), { cwd: dir, killAfterMs: 60_000, heapMb: 1024 });
      expect(run.signal).toBeNull();
      expect(run.code).toBe(2);
      expect(verdictLine(run)).toBe(`mlq: ${verdict}`);
    }
  });
});

describe('finding 9: a fake image is a warning, and the outputs are built', () => {
  it.each([
    ['x.jpg', Buffer.from([0xff, 0xd8, 0xff]), 'is a truncated JPEG'],
    ['x.png', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('garbage after the signature')]), 'is a truncated PNG'],
    ['y.png', pngOf(4, 4).subarray(0, 40), 'is a truncated PNG'],
    ['z.png', pngOf(4, 4, Buffer.from('not zlib data at all')), 'is a corrupt PNG (its image data does not inflate to its size)'],
    ['w.png', pngOf(4, 4, deflateSync(Buffer.alloc(3))), 'is a corrupt PNG (its image data does not inflate to its size)'],
  ])('%s, also with --allow-errors', (name, bytes, why) => {
    const dir = scratch();
    writeFileSync(path.join(dir, name), bytes);
    writeFileSync(path.join(dir, 'bank.md'), `${BANK}![fake](${name})\n\n#### 1) Again? [[src](https://s.example)]\nYes.\n`);
    const run = mlqBounded(['build', '--source', 'bank.md', '--formats', 'pdf,epub,json', '--allow-errors', '--out', 'out'], { cwd: dir, killAfterMs: 60_000 });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`mlq: warning: bank.md: image ${name} ${why}: the PDF shows its name instead`);
    expect(readdirSync(path.join(dir, 'out')).sort()).toEqual(['.mlq-output', 'guide.epub', 'guide.pdf', 'questions.json', 'questions.schema.json']);
  });
});
