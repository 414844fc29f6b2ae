// The results cache: verdicts kept between runs (CI keeps the file with its cache step), each for a
// time that depends on the verdict, so a re-run requests only new or expired links.
// Pure functions of the cache and an injected `now`; reading and writing the file are the edges below.
// A cache is not evidence: a file in the tree could be a contributor's, so by default it lives in the
// user's cache folder, a link in the tree is never followed to write it, and a hit never spares a URL the
// private-address check (index.ts).
import { lstat } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { MlqError } from '../errors.js';
import { readRegularFile, writeFileAtomic } from '../io/files.js';
import { limit } from '../limits.js';
import { compareText } from '../model.js';
import type { Verdict, VerdictState } from './verdict.js';

/** Where the cache is when --cache does not say: the XDG base directory's cache folder, outside the tree. */
export function defaultCacheFile(env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  // The specification: a relative XDG_CACHE_HOME is invalid and ignored.
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(home, '.cache');
  return path.join(base, 'mlq', 'link-cache.json');
}

const DAY_MS = 24 * 60 * 60 * 1000;

export interface CacheTtl {
  okMs: number;
  failureMs: number;
}

export const DEFAULT_TTL: CacheTtl = { okMs: 7 * DAY_MS, failureMs: DAY_MS };

export interface CacheEntry {
  verdict: Verdict;
  /** ISO time the verdict was reached. */
  checkedAt: string;
  /** Reached with private addresses allowed: not to be trusted by a run that refuses them. */
  allowPrivate?: true;
}

export interface LinkCache {
  version: 1;
  entries: Record<string, CacheEntry>;
}

export const EMPTY_CACHE: LinkCache = { version: 1, entries: {} };

/** How long a verdict stays good; 0 = not kept (private and skipped depend on options, not on the link). */
export function ttlOf(verdict: Verdict, ttl: CacheTtl = DEFAULT_TTL): number {
  if (verdict.state === 'ok') return ttl.okMs;
  if (verdict.state === 'broken' || verdict.state === 'timeout') return ttl.failureMs;
  return 0;
}

export interface CacheScope {
  now: Date;
  allowPrivate: boolean;
  ttl?: CacheTtl;
}

export function freshVerdict(cache: LinkCache, url: string, { now, allowPrivate, ttl = DEFAULT_TTL }: CacheScope): Verdict | null {
  const entry = cache.entries[url];
  if (!entry || (entry.allowPrivate && !allowPrivate)) return null;
  const age = now.getTime() - Date.parse(entry.checkedAt);
  return age >= 0 && age < ttlOf(entry.verdict, ttl) ? entry.verdict : null;
}

/** The cache with these verdicts recorded at `now`, and expired entries dropped. */
export function recordVerdicts(cache: LinkCache, verdicts: Verdict[], scope: CacheScope): LinkCache {
  const { now, allowPrivate, ttl = DEFAULT_TTL } = scope;
  const entries: Record<string, CacheEntry> = {};
  for (const [url, entry] of Object.entries(cache.entries)) {
    if (freshVerdict(cache, url, { now, allowPrivate: true, ttl })) entries[url] = entry;
  }
  for (const verdict of verdicts) {
    if (ttlOf(verdict, ttl) > 0) entries[verdict.url] = { verdict, checkedAt: now.toISOString(), ...(allowPrivate && { allowPrivate: true as const }) };
    else delete entries[verdict.url];
  }
  return { version: 1, entries: Object.fromEntries(Object.entries(entries).sort(([a], [b]) => compareText(a, b))) };
}

const STATES: Record<VerdictState, true> = { ok: true, broken: true, timeout: true, private: true, skipped: true };

/** An entry this version wrote for this URL (a hand-edited or foreign one would crash the run or report another URL). */
function isEntry(url: string, value: unknown): value is CacheEntry {
  const entry = value as { verdict?: Partial<Verdict> | null; checkedAt?: unknown } | null;
  const verdict = entry?.verdict;
  return (
    typeof entry?.checkedAt === 'string' &&
    typeof verdict === 'object' &&
    verdict !== null &&
    verdict.url === url &&
    typeof verdict.state === 'string' &&
    Object.hasOwn(STATES, verdict.state) &&
    typeof verdict.reason === 'string'
  );
}

/** A missing, unreadable or foreign cache file is an empty cache, and an entry of another shape is left out: the cache only saves time. */
export async function readCache(file: string): Promise<LinkCache> {
  try {
    const data = JSON.parse((await readRegularFile(file, { maxBytes: limit('cacheBytes') })).toString('utf8')) as Partial<LinkCache> | null;
    if (data?.version !== 1 || !data.entries || typeof data.entries !== 'object') return EMPTY_CACHE;
    return { version: 1, entries: Object.fromEntries(Object.entries(data.entries).filter(([url, entry]) => isEntry(url, entry))) };
  } catch {
    return EMPTY_CACHE;
  }
}

/**
 * Refuses a cache file under the working directory whose way there passes a link (a committed `.mlq`
 * linking elsewhere would have the cache written outside the repository). Folders above the working
 * directory are the user's own (a linked ~/.cache is fine).
 */
export async function refuseLinkedFolders(file: string, root = process.cwd()): Promise<void> {
  const parts = path.relative(root, path.resolve(file)).split(path.sep).slice(0, -1);
  if (parts[0] === '..' || path.isAbsolute(parts.join(path.sep))) return;
  for (let i = 1; i <= parts.length; i++) {
    const folder = path.join(root, ...parts.slice(0, i));
    if ((await lstat(folder).catch(() => null))?.isSymbolicLink()) throw new MlqError(`${file}: ${path.relative(root, folder)} is a symbolic link: will not write the link cache through it`);
  }
}

/** Written whole or not at all (files.ts), so an interrupted run never leaves half a cache. */
export async function writeCache(file: string, cache: LinkCache): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(cache, null, 2)}\n`);
}
