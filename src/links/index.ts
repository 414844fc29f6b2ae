// `mlq links` without the command line: collect, narrow (--since), answer from the cache, check the
// rest, remember, report.
import type { Book, Diagnostic } from '../model.js';
import { defaultCacheFile, EMPTY_CACHE, freshVerdict, readCache, recordVerdicts, refuseLinkedFolders, writeCache } from './cache.js';
import { addressCheck, checkLinks, DEFAULT_CHECK_OPTIONS, type CheckOptions } from './check.js';
import { refuseUnwritable } from '../io/files.js';
import { collectUrls } from './collect.js';
import { changedLines, touchedTargets } from './since.js';
import { toDiagnostics, type Verdict } from './verdict.js';

export { LINK_RULES, type Verdict } from './verdict.js';

export interface Progress {
  done: number;
  total: number;
  url: string;
}

export interface LinkCheckInput {
  book: Book;
  /** A git ref: only links on lines added or changed since it are checked. */
  since?: string;
  cacheFile?: string;
  useCache?: boolean;
  allowPrivate?: boolean;
  /** Regular expressions of URLs not to request (mlq.yaml links.skip), and where they are. */
  skip?: string[];
  skipPlace?: string;
  timeoutMs?: number;
  /** Called once per URL as its verdict is known (from the cache or the network). */
  onProgress?: (progress: Progress) => void;
  /** The clock, for the cache's time-to-live. */
  now?: () => Date;
  /** Finer settings (limits, retries, DNS lookup); the fields above win. */
  check?: Partial<CheckOptions>;
}

export interface LinkCheckResult {
  diagnostics: Diagnostic[];
  /** URLs not answered from the cache (requested, unless skipped or refused). */
  checked: number;
  /** URLs answered from the cache. */
  fromCache: number;
  verdicts: Verdict[];
}

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * A run of many links takes minutes, and CI cancels jobs with SIGTERM: on Ctrl-C or SIGTERM the verdicts
 * reached so far are written to the cache before the signal takes its usual course, so the next run
 * requests only the rest. Returns the function that stops listening.
 */
function keepVerdictsWhenInterrupted(remember: () => Promise<void>): () => void {
  const onSignal = (signal: NodeJS.Signals) => {
    stop();
    remember()
      .catch(() => {})
      .finally(() => process.kill(process.pid, signal));
  };
  const stop = () => STOP_SIGNALS.forEach((signal) => process.off(signal, onSignal));
  STOP_SIGNALS.forEach((signal) => process.on(signal, onSignal));
  return stop;
}

export async function runLinkCheck(input: LinkCheckInput): Promise<LinkCheckResult> {
  const now = input.now ?? (() => new Date());
  const useCache = input.useCache ?? true;
  const cacheFile = input.cacheFile ?? defaultCacheFile();
  let targets = collectUrls(input.book);
  if (input.since !== undefined) {
    targets = touchedTargets(targets, await changedLines(input.since, input.book.banks.map((bank) => bank.file)));
  }
  // A cache that cannot be written is refused before the first request, not after the last.
  if (useCache) {
    await refuseLinkedFolders(cacheFile);
    await refuseUnwritable(cacheFile);
  }
  const cache = useCache ? await readCache(cacheFile) : EMPTY_CACHE;
  const allowPrivate = input.allowPrivate ?? false;
  const startedAt = now();
  // A hit spares the request, never the address check: a cache file can say anything of any URL.
  const refused = addressCheck(input.check?.lookup ?? DEFAULT_CHECK_OPTIONS.lookup);
  const passes = (url: string) => allowPrivate || refused(url).then((why) => why === null, () => false);
  const hits = await Promise.all(
    targets.map(async ({ url }) => {
      const verdict = freshVerdict(cache, url, { now: startedAt, allowPrivate });
      return verdict && (await passes(url)) ? verdict : null;
    }),
  );
  const cached = hits.filter((verdict) => verdict !== null);
  const toCheck = targets.filter((_, i) => hits[i] === null).map(({ url }) => url);

  let done = 0;
  const progress = (verdict: Verdict) => input.onProgress?.({ done: ++done, total: targets.length, url: verdict.url });
  cached.forEach(progress);
  const reached: Verdict[] = [];
  const remember = () => writeCache(cacheFile, recordVerdicts(cache, reached, { now: now(), allowPrivate }));
  const stop = useCache ? keepVerdictsWhenInterrupted(remember) : () => {};
  let checked: Verdict[];
  try {
    checked = await checkLinks(toCheck, {
      ...input.check,
      allowPrivate,
      ...(input.skip !== undefined && { skip: input.skip }),
      ...(input.skipPlace !== undefined && { skipPlace: input.skipPlace }),
      ...(input.timeoutMs !== undefined && { timeoutMs: input.timeoutMs }),
      onVerdict: (verdict) => {
        reached.push(verdict);
        progress(verdict);
      },
    });
  } finally {
    stop();
  }
  if (useCache) await remember();

  const verdicts = [...cached, ...checked];
  return { diagnostics: toDiagnostics(verdicts, targets), checked: toCheck.length, fromCache: cached.length, verdicts };
}
