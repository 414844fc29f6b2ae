// Issue 21, items 2, 3, 9 and 11: the images of a bank, as a stranger's pull request would make them. Each test
// runs the real command on the reproduction under hard bounds (test/support/bounded.ts) and reads what it wrote.
import { readdirSync, readFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { mlqBounded, scratch } from './support/bounded.js';

vi.setConfig({ testTimeout: 180_000 });

const BANK = '# B\n\n#### 1) Why? [[src](https://s.example)]\nBecause.\n';
const TOKEN = 'AUTHORIZATION: basic eC1hY2Nlc3MtdG9rZW46Z2hzX3NlY3JldA==';
const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** Every file under a folder, with its bytes. */
function filesUnder(folder: string): [string, Buffer][] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const file = path.join(entry.parentPath, entry.name);
      return [path.relative(folder, file), readFileSync(file)];
    });
}

const warningsOf = (stderr: string) => stderr.split('\n').filter((line) => line.startsWith('mlq: warning: '));

describe('item 2: no file but an image leaves the tree', () => {
  it('.git/config and .env, named with a query, a %-escape, a link or an image\'s name, are not published', () => {
    const dir = scratch();
    mkdirSync(path.join(dir, '.git'));
    writeFileSync(path.join(dir, '.git/config'), `[http "https://github.com/"]\n\textraheader = ${TOKEN}\n`);
    writeFileSync(path.join(dir, '.env'), `TOKEN=${TOKEN}\n`);
    writeFileSync(path.join(dir, 'notes.png'), `TOKEN=${TOKEN}\n`);
    symlinkSync('.env', path.join(dir, 'logo.png'));
    writeFileSync(path.join(dir, 'dot.png'), PNG_1X1);
    const refs = ['.git/config?.png', '%2Eenv?.svg', '%2Egit/config', '.env#.png', 'logo.png', 'notes.png', '%2E%2E/etc/passwd.png'];
    writeFileSync(path.join(dir, 'bank.md'), `${BANK}\n${refs.map((ref) => `![x](${ref})`).join('\n\n')}\n\n![dot](dot.png)\n`);
    const run = mlqBounded(['build', '--source', 'bank.md', '--formats', 'pdf,site', '--out', 'out'], { cwd: dir, killAfterMs: 60_000 });
    expect(run.signal).toBeNull();
    expect(run.code).toBe(0);
    for (const [file, bytes] of filesUnder(path.join(dir, 'out'))) {
      expect(bytes.includes(TOKEN), file).toBe(false);
      expect(bytes.includes('extraheader'), file).toBe(false);
    }
    // The one image is published; each refusal is a warning at its line, in the site and in the PDF.
    expect(readdirSync(path.join(dir, 'out/site/media'))).toEqual([expect.stringMatching(/^[0-9a-f]{16}\.png$/)]);
    const warnings = warningsOf(run.stderr);
    expect(warnings).toEqual(
      expect.arrayContaining([
        'mlq: warning: bank.md:6: image ".git/config?.png" has a query or fragment ("?.png"): a local image is named by its path alone: the site shows its description',
        'mlq: warning: bank.md:8: image "%2Eenv?.svg" has a query or fragment ("?.svg"): a local image is named by its path alone: the site shows its description',
        'mlq: warning: bank.md:10: image "%2Egit/config" goes through ".git": hidden files and parent folders are not published: the site shows its description',
        'mlq: warning: bank.md:12: image ".env#.png" has a query or fragment ("#.png"): a local image is named by its path alone: the site shows its description',
        'mlq: warning: bank.md:14: image "logo.png" leads outside the bank\'s folder or to a hidden file (through a symbolic link): the site shows its description',
        'mlq: warning: bank.md:16: image "notes.png" is named .png but its bytes are no image mlq knows: the site shows its description',
        'mlq: warning: bank.md:18: image "%2E%2E/etc/passwd.png" goes through "..": hidden files and parent folders are not published: the site shows its description',
        'mlq: warning: bank.md: image .git/config?.png has a query or fragment ("?.png"): a local image is named by its path alone: the PDF shows its name instead',
        'mlq: warning: bank.md: image notes.png is named .png but its bytes are no image mlq knows: the PDF shows its name instead',
      ]),
    );
  });
});

describe('item 3: no SVG is published', () => {
  it('an SVG with a script is left out of the site with a warning', () => {
    const dir = scratch();
    writeFileSync(path.join(dir, 'chart.svg'), '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(document.domain)</script></svg>');
    writeFileSync(path.join(dir, 'bank.md'), `${BANK}\n![chart](chart.svg)\n`);
    const run = mlqBounded(['build', '--source', 'bank.md', '--formats', 'site', '--out', 'out'], { cwd: dir, killAfterMs: 60_000 });
    expect(run.signal).toBeNull();
    expect(run.code).toBe(0);
    expect(warningsOf(run.stderr)).toContain('mlq: warning: bank.md:6: image "chart.svg" is an SVG, which can carry script: SVG images are not published: the site shows its description');
    for (const [file, bytes] of filesUnder(path.join(dir, 'out/site'))) {
      expect(file).not.toMatch(/\.svg$/);
      expect(bytes.includes('alert(document.domain)'), file).toBe(false);
    }
    expect(readFileSync(path.join(dir, 'out/site/bank.html'), 'utf8')).toContain('[chart]');
  });
});

/** "abcdefghijk.png" with each letter as itself or %-escaped, as bit `i` of `n` says: 2,048 spellings. */
const spelling = (n: number) =>
  `${[...'abcdefghijk'].map((letter, i) => (n & (1 << i) ? `%${letter.charCodeAt(0).toString(16)}` : letter)).join('')}.png`;

describe('item 9: one image under many spellings is read and hashed once', () => {
  // As many spellings as the image limits allow (imagesPerAnswer, imagesPerBank: more are refused at their line).
  it('a 16 MB image cited 1,990 ways builds the site within 60 s and 2 GB, with one copy', () => {
    const dir = scratch();
    const image = Buffer.alloc(16_000_000);
    PNG_1X1.copy(image);
    writeFileSync(path.join(dir, 'abcdefghijk.png'), image);
    const refs = Array.from({ length: 1_990 }, (_, n) => `![i](${n % 2 ? './' : ''}${spelling(n >> 1)})`);
    const questions = Array.from({ length: 10 }, (_, q) => `#### ${q + 2}) Why ${q}? [[src](https://s.example)]\n${refs.slice(q * 199, (q + 1) * 199).join('\n')}\n`);
    writeFileSync(path.join(dir, 'bank.md'), `${BANK}\n${questions.join('\n')}`);
    const run = mlqBounded(['build', '--source', 'bank.md', '--formats', 'site', '--out', 'out'], { cwd: dir, killAfterMs: 60_000, heapMb: 2048 });
    expect(run.signal).toBeNull();
    expect(run.code).toBe(0);
    const media = readdirSync(path.join(dir, 'out/site/media'));
    expect(media).toHaveLength(1);
    const page = readFileSync(path.join(dir, 'out/site/bank.html'), 'utf8');
    expect(page.match(new RegExp(`src="media/${media[0]}"`, 'g'))).toHaveLength(1_990);
  });
});

/** A JPEG's header: SOI, then a baseline frame of 1x1 pixels and 3 components, then EOI; `fill` bytes before the frame. */
const jpegOf = (fill: number) =>
  Buffer.from([0xff, 0xd8, ...Array(fill).fill(0xff), 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x01, 0x00, 0x01, 0x03, 0x01, 0x11, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xff, 0xd9]);

describe('item 11: a JPEG the PDF library cannot read is a warning', () => {
  it('a fill byte before the frame header: the documented warning, and every output', () => {
    const dir = scratch();
    writeFileSync(path.join(dir, 'fill.jpg'), jpegOf(1));
    writeFileSync(path.join(dir, 'plain.jpg'), jpegOf(0));
    writeFileSync(path.join(dir, 'bank.md'), `${BANK}\n![fill](fill.jpg) ![plain](plain.jpg)\n`);
    const run = mlqBounded(['build', '--source', 'bank.md', '--formats', 'pdf,epub,json', '--out', 'out'], { cwd: dir, killAfterMs: 60_000 });
    expect(run.signal).toBeNull();
    expect(run.code).toBe(0);
    expect(warningsOf(run.stderr)).toContain('mlq: warning: bank.md: image fill.jpg is a JPEG with fill bytes between its segments, which the PDF library cannot read: the PDF shows its name instead');
    expect(readdirSync(path.join(dir, 'out')).sort()).toEqual(['.mlq-output', 'guide.epub', 'guide.pdf', 'questions.json', 'questions.schema.json']);
    // The same frame without the fill byte is embedded.
    expect(readFileSync(path.join(dir, 'out/guide.pdf'), 'latin1').match(/\/Subtype \/Image/g)).toHaveLength(1);
  });
});
