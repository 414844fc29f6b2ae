// The file edge (src/io/files.ts) on real files of every kind a contribution can name: a regular file at, under
// and over the byte cap, one whose size lies (/proc), a folder, a named pipe, a device, symbolic links (to a
// file, dangling, in a loop) and a read error; and atomic writes: whole or nothing, never through a link.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, lstatSync, rmSync, symlinkSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MlqError } from '../src/errors.js';
import { FileRefused, readInput, readRegularFile, refuseUnwritable, writeFileAtomic, writeThenRename } from '../src/io/files.js';

let dir = '';
const at = (name: string) => path.join(dir, name);

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'mlq-files-'));
  writeFileSync(at('ten.txt'), '0123456789');
  writeFileSync(at('empty.txt'), '');
  mkdirSync(at('folder'));
  execFileSync('mkfifo', [at('pipe')]);
  symlinkSync('ten.txt', at('link-to-ten'));
  symlinkSync('missing.txt', at('dangling'));
  symlinkSync('loop-b', at('loop-a'));
  symlinkSync('loop-a', at('loop-b'));
  // More than one read's worth (64 KiB), each byte telling where it is.
  writeFileSync(at('big.bin'), Buffer.from(Array.from({ length: 200_000 }, (_, i) => i % 251)));
  // A sparse file of 1 GiB: its size is refused before a byte is read.
  writeFileSync(at('sparse.bin'), '');
  truncateSync(at('sparse.bin'), 2 ** 30);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The refusal of a read, as its message; fails the test if the read succeeds or throws anything else. */
async function refusal(read: Promise<unknown>): Promise<string> {
  const error = await read.then(
    () => new Error('read succeeded'),
    (error: unknown) => error,
  );
  expect(error).toBeInstanceOf(FileRefused);
  return (error as FileRefused).message;
}

describe('readRegularFile', () => {
  it('reads a regular file, an empty one, and one of exactly the cap', async () => {
    expect((await readRegularFile(at('ten.txt'), { maxBytes: 100 })).toString()).toBe('0123456789');
    expect(await readRegularFile(at('empty.txt'), { maxBytes: 0 })).toEqual(Buffer.alloc(0));
    expect((await readRegularFile(at('ten.txt'), { maxBytes: 10 })).toString()).toBe('0123456789');
  });

  it('reads a file of several chunks whole and in order', async () => {
    expect(await readRegularFile(at('big.bin'), { maxBytes: 200_000 })).toEqual(readFileSync(at('big.bin')));
  });

  it('allocates by the file, not by the cap: a cap of a terabyte reads a small file', async () => {
    expect((await readRegularFile(at('ten.txt'), { maxBytes: 2 ** 40 })).toString()).toBe('0123456789');
  });

  it('refuses a file over the cap by the size of its open handle, a sparse gigabyte too', async () => {
    expect(await refusal(readRegularFile(at('ten.txt'), { maxBytes: 9 }))).toBe('too large (10 bytes; the limit is 9)');
    expect(await refusal(readRegularFile(at('sparse.bin'), { maxBytes: 1_000_000 }))).toBe(`too large (${2 ** 30} bytes; the limit is 1000000)`);
  });

  it('counts the bytes while reading, for a file whose size says less than it holds', async () => {
    // /proc files are regular files of size 0.
    expect((await readRegularFile('/proc/self/status', { maxBytes: 1_000_000 })).toString()).toMatch(/^Name:/);
    expect(await refusal(readRegularFile('/proc/self/status', { maxBytes: 10 }))).toBe('too large (more than 10 bytes)');
  });

  it('refuses a folder, a named pipe (without waiting for a writer) and a device', async () => {
    expect(await refusal(readRegularFile(at('folder'), { maxBytes: 100 }))).toBe('is a directory');
    expect(await refusal(readRegularFile(at('pipe'), { maxBytes: 100 }))).toBe('is a device, pipe or socket, not a regular file');
    expect(await refusal(readRegularFile('/dev/zero', { maxBytes: 100 }))).toBe('is a device, pipe or socket, not a regular file');
  });

  it('follows a link by default and refuses one with noFollow', async () => {
    expect((await readRegularFile(at('link-to-ten'), { maxBytes: 100 })).toString()).toBe('0123456789');
    expect((await readRegularFile(at('link-to-ten'), { maxBytes: 100, noFollow: false })).toString()).toBe('0123456789');
    expect(await refusal(readRegularFile(at('link-to-ten'), { maxBytes: 100, noFollow: true }))).toBe('is a symbolic link');
    expect(await refusal(readRegularFile(at('dangling'), { maxBytes: 100, noFollow: true }))).toBe('is a symbolic link');
  });

  it('names why a file cannot be opened or read', async () => {
    expect(await refusal(readRegularFile(at('missing.txt'), { maxBytes: 100 }))).toBe('no such file');
    expect(await refusal(readRegularFile(at('missing.txt'), { maxBytes: 100, noFollow: true }))).toBe('no such file');
    expect(await refusal(readRegularFile(at('dangling'), { maxBytes: 100 }))).toBe('no such file');
    // A loop of links is not "a symbolic link" refused by noFollow: it cannot be opened at all.
    expect(await refusal(readRegularFile(at('loop-a'), { maxBytes: 100 }))).toBe('ELOOP');
    expect(await refusal(readRegularFile(at('ten.txt/x'), { maxBytes: 100 }))).toBe('not a folder');
    // A regular file that cannot be read: the memory of this process at address 0.
    expect(await refusal(readRegularFile('/proc/self/mem', { maxBytes: 100 }))).toBe('EIO');
  });

  it('closes every file it opens, read or refused', async () => {
    const open = () => readdirSync('/proc/self/fd').length;
    const before = open();
    for (let i = 0; i < 20; i++) {
      await readRegularFile(at('ten.txt'), { maxBytes: 100 });
      await readRegularFile(at('folder'), { maxBytes: 100 }).catch(() => {});
      await readRegularFile(at('ten.txt'), { maxBytes: 1 }).catch(() => {});
      await readRegularFile('/proc/self/mem', { maxBytes: 100 }).catch(() => {});
    }
    expect(open()).toBe(before);
  });
});

describe('readInput', () => {
  it('returns the bytes, or one MlqError naming the file, what was done and why', async () => {
    expect((await readInput(at('ten.txt'), 'cannot read', { maxBytes: 100 })).toString()).toBe('0123456789');
    const error = await readInput(at('pipe'), 'cannot read config', { maxBytes: 100 }).catch((error: unknown) => error);
    expect(error).toBeInstanceOf(MlqError);
    expect((error as MlqError).message).toBe(`${at('pipe')}: cannot read config: is a device, pipe or socket, not a regular file`);
    await expect(readInput(at('link-to-ten'), 'cannot read', { maxBytes: 100, noFollow: true })).rejects.toThrow(`${at('link-to-ten')}: cannot read: is a symbolic link`);
    await expect(readInput(at('missing.txt'), 'cannot read', { maxBytes: 100 })).rejects.toThrow(`${at('missing.txt')}: cannot read: no such file`);
  });
});

describe('refuseUnwritable', () => {
  it('accepts a missing file, a regular file and a link (the link is what gets replaced)', async () => {
    await expect(refuseUnwritable(at('missing.txt'))).resolves.toBeUndefined();
    await expect(refuseUnwritable(at('ten.txt'))).resolves.toBeUndefined();
    await expect(refuseUnwritable(at('link-to-ten'))).resolves.toBeUndefined();
    await expect(refuseUnwritable(at('dangling'))).resolves.toBeUndefined();
  });

  it('refuses a folder, a named pipe and a device', async () => {
    await expect(refuseUnwritable(at('folder'))).rejects.toThrow(new MlqError(`${at('folder')}: is a folder, not a file`));
    await expect(refuseUnwritable(at('pipe'))).rejects.toThrow(new MlqError(`${at('pipe')}: exists and is not a regular file`));
    await expect(refuseUnwritable('/dev/null')).rejects.toThrow(new MlqError('/dev/null: exists and is not a regular file'));
  });
});

describe('writeFileAtomic', () => {
  const leftovers = (folder: string) => readdirSync(folder).filter((name) => name.endsWith('.tmp'));

  it('writes a new file, in folders it creates, and replaces an old one whole', async () => {
    const file = at('out/deep/cache.json');
    await writeFileAtomic(file, 'first');
    expect(readFileSync(file, 'utf8')).toBe('first');
    await writeFileAtomic(file, new Uint8Array([104, 105]));
    expect(readFileSync(file, 'utf8')).toBe('hi');
    expect(leftovers(at('out/deep'))).toEqual([]);
  });

  it('replaces a link, never the file it points to', async () => {
    writeFileSync(at('target.txt'), 'untouched');
    symlinkSync('target.txt', at('link-out'));
    await writeFileAtomic(at('link-out'), 'new');
    expect(lstatSync(at('link-out')).isSymbolicLink()).toBe(false);
    expect(readFileSync(at('link-out'), 'utf8')).toBe('new');
    expect(readFileSync(at('target.txt'), 'utf8')).toBe('untouched');
  });

  it('never writes through a link planted where a temporary file could be', async () => {
    writeFileSync(at('victim.txt'), 'untouched');
    const file = at('planted.json');
    // The temporary name is random and opened with O_EXCL: a link at the old, predictable name is left alone.
    const planted = `${file}.${process.pid}.tmp`;
    symlinkSync('victim.txt', planted);
    await writeFileAtomic(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readFileSync(at('victim.txt'), 'utf8')).toBe('untouched');
    expect(readlinkSync(planted)).toBe('victim.txt');
    unlinkSync(planted);
  });

  it('refuses a folder or a pipe before writing anything', async () => {
    await expect(writeFileAtomic(at('folder'), 'x')).rejects.toThrow(new MlqError(`${at('folder')}: is a folder, not a file`));
    await expect(writeFileAtomic(at('pipe'), 'x')).rejects.toThrow(new MlqError(`${at('pipe')}: exists and is not a regular file`));
    expect(lstatSync(at('pipe')).isFIFO()).toBe(true);
    expect(leftovers(dir)).toEqual([]);
  });

  it('fails as one MlqError and leaves the old file and no temporary file when the write fails', async () => {
    const file = at('kept.json');
    writeFileSync(file, 'old');
    // Bytes of the wrong type make the write itself fail, after the temporary file is created.
    await expect(writeFileAtomic(file, 42 as unknown as string)).rejects.toThrow(new MlqError(`${file}: cannot write: ERR_INVALID_ARG_TYPE`));
    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(leftovers(dir)).toEqual([]);
  });

  it('fails as one MlqError when its folder cannot be created', async () => {
    await expect(writeFileAtomic(at('ten.txt/cache.json'), 'x')).rejects.toThrow(new MlqError(`${at('ten.txt/cache.json')}: cannot write: EEXIST`));
  });

  it('runs the last check before the rename: its refusal leaves the target as it was, and no temporary file', async () => {
    const file = at('checked.json');
    writeFileSync(file, 'old');
    const seen: string[] = [];
    await writeThenRename(file, 'new', { mode: 0o600, beforeRename: async () => void seen.push(readFileSync(file, 'utf8')) });
    // Called once, while the target still held the old bytes; the new file has the mode asked for.
    expect(seen).toEqual(['old']);
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(lstatSync(file).mode & 0o777).toBe(0o600);
    const refusal = new MlqError(`${file}: changed meanwhile`);
    await expect(writeThenRename(file, 'newer', { mode: 0o600, beforeRename: async () => Promise.reject(refusal) })).rejects.toBe(refusal);
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(leftovers(dir)).toEqual([]);
  });

  it('closes the files it writes', async () => {
    const open = () => readdirSync('/proc/self/fd').length;
    const before = open();
    for (let i = 0; i < 20; i++) {
      await writeFileAtomic(at('closed.json'), `${i}`);
      await writeFileAtomic(at('closed.json'), 42 as unknown as string).catch(() => {});
    }
    expect(open()).toBe(before);
  });
});
