// Issue 10: hostile contributions and faults. Each test gives the input an attacker (or a fault) would,
// runs the real command under hard bounds (test/support/bounded.ts) and asserts the verdict.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mlqAsync, mlqBounded, scratch, verdictLine } from './support/bounded.js';
import { MLQ, mlqEnv } from './support/cli.js';
import { bookOf } from './support/book.js';
import { epubXmlFiles, isScriptUrl, linkTargets, xmlErrors } from './support/outputs.js';
import { DEFAULT_CONFIG } from '../src/config.js';
import { FORMATS } from '../src/writers/index.js';

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
      [['check', '--config', 'mlq.yaml'], path.relative(dir, '/dev/urandom')],
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
    const context = { config: DEFAULT_CONFIG, readAsset: async () => null };
    for (const format of ['epub', 'pdf'] as const) {
      const { files } = await (await FORMATS[format].load()).write(book, context);
      const text = files.map((file) => Buffer.from(file.bytes).toString('latin1')).join('\n');
      const targets = format === 'epub' ? Object.values(epubXmlFiles(files[0]!.bytes)).flatMap(linkTargets) : linkTargets(text);
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
