// The asset resolver (src/io/assets.ts), on real files: what a reference may name, where the file may be, what
// its bytes must be, and that one file is read once however it is spelled.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMAGE_EXTENSIONS, assetReader, imageTypeOf, readImage, referencedPath } from '../src/io/assets.js';
import { LIMITS } from '../src/limits.js';

const PNG = Buffer.from('\x89PNG\r\n\x1a\n rest of a png', 'latin1');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 2]);
const GIF = Buffer.from('GIF89a rest', 'latin1');
const WEBP = Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1');
const AVIF = Buffer.from('\x00\x00\x00\x1cftypavif\x00\x00', 'latin1');

let dir = '';
let bank = '';
const at = (name: string) => path.join(dir, name);

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'mlq-assets-'));
  mkdirSync(at('book/img'), { recursive: true });
  mkdirSync(at('book/.git'));
  bank = at('book/bank.md');
  writeFileSync(bank, '# B\n');
  writeFileSync(at('book/img/a.png'), PNG);
  writeFileSync(at('book/img/photo.JPG'), JPEG);
  writeFileSync(at('book/a b.gif'), GIF);
  writeFileSync(at('book/x.webp'), WEBP);
  writeFileSync(at('book/x.avif'), AVIF);
  writeFileSync(at('book/.git/config'), '[http] extraheader = AUTHORIZATION: basic c2VjcmV0');
  writeFileSync(at('book/.env.png'), PNG);
  writeFileSync(at('book/secret.png'), 'TOKEN=abc');
  writeFileSync(at('book/named.png'), JPEG);
  writeFileSync(at('book/logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
  writeFileSync(at('outside.png'), PNG);
  symlinkSync('../outside.png', at('book/out.png'));
  symlinkSync('.env.png', at('book/hidden-link.png'));
  symlinkSync('missing.png', at('book/dangling.png'));
  mkdirSync(at('book/folder.png'));
  writeFileSync(at('book/big.png'), Buffer.concat([PNG, Buffer.alloc(LIMITS.imageBytes.value)]));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('referencedPath: what a reference may name', () => {
  it.each([
    ['https://example.org/x.png', 'is not a local file'],
    ['data:image/png;base64,AAAA', 'is not a local file'],
    ['//example.org/x.png', 'is not a local file'],
    ['.git/config?.png', 'has a query or fragment ("?.png"): a local image is named by its path alone'],
    ['%2Eenv?.svg', 'has a query or fragment ("?.svg"): a local image is named by its path alone'],
    ['img/a.png#top', 'has a query or fragment ("#top"): a local image is named by its path alone'],
    ['images/q70.png?raw=png', 'has a query or fragment ("?raw=png"): a local image is named by its path alone'],
    ['/etc/x.png', 'is an absolute path: a local image is named relative to its bank'],
    ['img/%E0%A4%A.png', 'is not a valid path (a broken %-escape)'],
    ['img%2F..%2F..%2Fx.png', 'has an encoded separator or NUL in a segment'],
    ['img%5C..%5Cx.png', 'has an encoded separator or NUL in a segment'],
    ['x%00.png', 'has an encoded separator or NUL in a segment'],
    ['img/x%2F..png', 'has an encoded separator or NUL in a segment'],
    ['.git/config.png', 'goes through ".git": hidden files and parent folders are not published'],
    ['%2Eenv.png', 'goes through ".env.png": hidden files and parent folders are not published'],
    ['%2e%2e/outside.png', 'goes through "..": hidden files and parent folders are not published'],
    ['../outside.png', 'goes through "..": hidden files and parent folders are not published'],
    ['img/../../outside.png', 'goes through "..": hidden files and parent folders are not published'],
    ['logo.svg', 'is an SVG, which can carry script: SVG images are not published'],
    ['logo.SVG', 'is an SVG, which can carry script: SVG images are not published'],
    ['notes.txt', 'is not named as an image (.png, .jpg, .jpeg, .gif, .webp, .avif)'],
    ['png', 'is not named as an image (.png, .jpg, .jpeg, .gif, .webp, .avif)'],
    ['x.toString', 'is not named as an image (.png, .jpg, .jpeg, .gif, .webp, .avif)'],
  ])('%s %s', (ref, why) => {
    expect(referencedPath(ref)).toBe(why);
  });

  it.each([
    ['img/a.png', ['img', 'a.png'], 'png', 'png'],
    ['./img/a.png', ['.', 'img', 'a.png'], 'png', 'png'],
    ['.//img/photo.JPG', ['.', '', 'img', 'photo.JPG'], 'jpg', 'jpeg'],
    ['a%20b.gif', ['a b.gif'], 'gif', 'gif'],
    ['x.jpeg', ['x.jpeg'], 'jpeg', 'jpeg'],
    ['x.webp', ['x.webp'], 'webp', 'webp'],
    ['x.AVIF', ['x.AVIF'], 'avif', 'avif'],
    ['img/a:b.png', ['img', 'a:b.png'], 'png', 'png'],
  ])('%s is a path', (ref, segments, extension, type) => {
    expect(referencedPath(ref)).toEqual({ segments, extension, type });
  });

  it('lists the extensions it accepts', () => {
    expect(IMAGE_EXTENSIONS).toEqual(['png', 'jpg', 'jpeg', 'gif', 'webp', 'avif']);
  });
});

describe('imageTypeOf: the type the bytes say', () => {
  it.each([
    [PNG, 'png'],
    [JPEG, 'jpeg'],
    [GIF, 'gif'],
    [Buffer.from('GIF87a', 'latin1'), 'gif'],
    [WEBP, 'webp'],
    [AVIF, 'avif'],
    [Buffer.from('\x00\x00\x00\x1cftypavis', 'latin1'), 'avif'],
  ])('%s', (bytes, type) => {
    expect(imageTypeOf(bytes)).toBe(type);
  });

  it.each([
    ['text', Buffer.from('TOKEN=abc')],
    ['empty', Buffer.alloc(0)],
    ['a PNG signature cut short', PNG.subarray(0, 7)],
    ['a PNG signature off by its last byte', Buffer.concat([PNG.subarray(0, 7), Buffer.from([0x0b])])],
    ['SOI without a marker after it', Buffer.from([0xff, 0xd8, 0x00])],
    ['0xd8 alone', Buffer.from([0x00, 0xd8, 0xff])],
    ['0xff 0x00 0xff', Buffer.from([0xff, 0x00, 0xff])],
    ['GIF90a', Buffer.from('GIF90a', 'latin1')],
    ['RIFF of a WAVE', Buffer.from('RIFF\x10\x00\x00\x00WAVEfmt ', 'latin1')],
    ['WEBP without RIFF', Buffer.from('RIFX\x10\x00\x00\x00WEBP', 'latin1')],
    ['an MP4', Buffer.from('\x00\x00\x00\x1cftypisom', 'latin1')],
    ['avif without ftyp', Buffer.from('\x00\x00\x00\x1cfreeavif', 'latin1')],
    ['SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')],
  ])('%s is no image', (_name, bytes) => {
    expect(imageTypeOf(bytes)).toBeNull();
  });
});

describe('assetReader: the file behind a reference', () => {
  it.each([
    ['img/a.png', 'img/a.png', PNG, 'png'],
    ['./img/photo.JPG', 'img/photo.JPG', JPEG, 'jpeg'],
    ['a%20b.gif', 'a b.gif', GIF, 'gif'],
    ['x.webp', 'x.webp', WEBP, 'webp'],
    ['x.avif', 'x.avif', AVIF, 'avif'],
  ])('%s is read, with its real path and type', async (ref, file, bytes, type) => {
    const asset = await assetReader()(ref, bank);
    expect(asset).toEqual({ bytes, realPath: at(`book/${file}`), type });
  });

  it.each([
    ['.git/config?.png', 'has a query or fragment ("?.png"): a local image is named by its path alone'],
    ['%2Egit/config.png', 'goes through ".git": hidden files and parent folders are not published'],
    ['logo.svg', 'is an SVG, which can carry script: SVG images are not published'],
    ['missing.png', 'was not found'],
    ['dangling.png', 'was not found'],
    ['out.png', "leads outside the bank's folder or to a hidden file (through a symbolic link)"],
    ['hidden-link.png', "leads outside the bank's folder or to a hidden file (through a symbolic link)"],
    ['secret.png', 'is named .png but its bytes are no image mlq knows'],
    ['named.png', 'is named .png but its bytes are a JPEG image'],
    ['folder.png', 'cannot be read: is a directory'],
    ['big.png', `cannot be read: too large (${LIMITS.imageBytes.value + PNG.length} bytes; the limit is ${LIMITS.imageBytes.value})`],
  ])('%s: %s', async (ref, why) => {
    expect(await assetReader()(ref, bank)).toBe(why);
  });

  it('opens a file without following a link, should one be swapped in after its real path was found', async () => {
    expect(await readImage(at('book/out.png'))).toBe('cannot be read: is a symbolic link');
    expect(await readImage(at('book/img/a.png'))).toEqual({ bytes: PNG, type: 'png' });
  });

  it('refuses everything when the bank\'s folder is gone', async () => {
    expect(await assetReader()('img/a.png', at('gone/bank.md'))).toBe('was not found');
  });

  it('reads a file once, whatever its spelling, and checks each spelling\'s extension against it', async () => {
    const read = assetReader();
    writeFileSync(at('book/once.png'), PNG);
    const first = await read('once.png', bank);
    writeFileSync(at('book/once.png'), GIF);
    // The second spelling gets the bytes of the first read: the file was not read again.
    expect(await read('./once.png', bank)).toEqual(first);
    expect(await read('%6Fnce.png', bank)).toEqual(first);
    // A new reader (a new build) reads it again.
    expect(await assetReader()('once.png', bank)).toBe('is named .png but its bytes are a GIF image');
  });

  it('reads a refused file once too', async () => {
    const read = assetReader();
    writeFileSync(at('book/later.png'), 'not yet');
    expect(await read('later.png', bank)).toBe('is named .png but its bytes are no image mlq knows');
    writeFileSync(at('book/later.png'), PNG);
    expect(await read('./later.png', bank)).toBe('is named .png but its bytes are no image mlq knows');
  });

  it('keeps the files of two banks apart', async () => {
    mkdirSync(at('other'), { recursive: true });
    writeFileSync(at('other/img.png'), PNG);
    writeFileSync(at('book/img.png'), GIF);
    const read = assetReader();
    expect(await read('img.png', at('other/bank.md'))).toMatchObject({ realPath: at('other/img.png'), type: 'png' });
    expect(await read('img.png', bank)).toBe('is named .png but its bytes are a GIF image');
  });
});
