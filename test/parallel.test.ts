// The writers of one build run on several threads: the bytes must not depend on which thread wrote them.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS } from './support/book.js';
import { mlq } from './support/cli.js';

const temp = () => mkdtempSync(path.join(tmpdir(), 'mlq-parallel-'));

/** SHA-256 of every file of a build, by name. */
function digests(dir: string): Record<string, string> {
  const files = (readdirSync(dir, { recursive: true }) as string[]).filter((name) => statSync(path.join(dir, name)).isFile()).sort();
  return Object.fromEntries(files.map((name) => [name, createHash('sha256').update(readFileSync(path.join(dir, name))).digest('hex')]));
}

function build(args: string[], threads: string): { out: string; stderr: string } {
  const out = path.join(temp(), 'dist');
  const run = mlq(['build', ...args, '--out', out], { env: { MLQ_THREADS: threads, MLQ_DEBUG: '1' } });
  expect(run.code, run.stderr).toBe(0);
  return { out, stderr: run.stderr };
}

describe('writers on worker threads', () => {
  it('write every format of the default build byte for byte as one thread does, the PDF on a worker', () => {
    const one = build([], '1');
    const two = build([], '2');
    const again = build([], '2');
    expect(one.stderr).not.toContain('written on a worker thread');
    expect(two.stderr).toContain('mlq: debug: pdf written on a worker thread\n');
    expect(Object.keys(digests(two.out))).toEqual(
      expect.arrayContaining(['deck.apkg', 'deck.csv', 'guide.epub', 'guide.pdf', 'questions.json', 'questions.schema.json', 'site/index.html', 'site/downloads/guide.pdf']),
    );
    expect(digests(two.out)).toEqual(digests(one.out));
    expect(digests(again.out)).toEqual(digests(two.out));
  }, 60_000);

  it('do not hold up a build that stops before writing (validation errors), though they were started', () => {
    const run = mlq(['build', '--source', CORPUS, '--out', path.join(temp(), 'dist')], { env: { MLQ_THREADS: '2' }, timeout: 30_000 });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('mlq: not publishing: validation found 1 error(s)');
  });
});
