// checkLinks: URLs -> verdicts, politely (limits, retries, backoff) and safely (no private addresses).
import { lookup as dnsLookup } from 'node:dns/promises';
import { STATUS_CODES } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { MlqError } from '../errors.js';
import { refusedHost, type Lookup } from './address.js';
import { guardConnections } from './connect.js';
import { requestUrl } from './collect.js';
import { PatternList } from '../patterns.js';
import { HostLimiter } from './limiter.js';
import { createProber, type Probe, type Prober } from './probe.js';
import { retryAfterMs, retryDelay, type RetryPolicy } from './retry.js';
import type { Verdict } from './verdict.js';

/** A current desktop browser's: some sites answer 403 to unknown agents (and to linkinator's default, Node's "node"). */
export const BROWSER_USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

export interface CheckOptions extends RetryPolicy {
  timeoutMs: number;
  /** Request loopback, private, link-local and metadata addresses too (for tests). */
  allowPrivate: boolean;
  /** Regular expressions in RE2 syntax (mlq.yaml links.skip): matching URLs are not requested. */
  skip: string[];
  /** Where they are in mlq.yaml ("mlq.yaml:12: links.skip"), for a refusal. */
  skipPlace: string;
  concurrency: number;
  perHostConcurrency: number;
  maxRedirects: number;
  userAgent: string;
  lookup: Lookup;
  onVerdict: (verdict: Verdict) => void;
}

export const DEFAULT_CHECK_OPTIONS: CheckOptions = {
  timeoutMs: 10_000,
  allowPrivate: false,
  skip: [],
  skipPlace: 'links.skip',
  concurrency: 32,
  perHostConcurrency: 16,
  maxRedirects: 5,
  retries: 2,
  retryBaseMs: 1000,
  retryAfterCapMs: 30_000,
  userAgent: BROWSER_USER_AGENT,
  lookup: async (hostname) => (await dnsLookup(hostname, { all: true })).map((a) => a.address),
  onVerdict: () => {},
};

/**
 * Why a URL's address is refused (private, loopback, metadata...), or null; the lookup rejects where the
 * host is not found. One lookup per host name, however many URLs share it.
 */
export function addressCheck(lookup: Lookup): (url: string) => Promise<string | null> {
  const refusals = new Map<string, Promise<string | null>>();
  return (url) => {
    const host = new URL(url).host;
    if (!refusals.has(host)) refusals.set(host, refusedHost(url, lookup));
    return refusals.get(host)!;
  };
}

/** Checks each URL once (URLs are request URLs from collectUrls); verdicts come in the order of `urls`. */
export async function checkLinks(urls: string[], given: Partial<CheckOptions> = {}): Promise<Verdict[]> {
  const options = { ...DEFAULT_CHECK_OPTIONS, ...given };
  // Every URL is matched before the first request: patterns past their budget are refused, not half run.
  const skips = new PatternList(options.skip, options.skipPlace);
  const skipped = new Set(urls.filter((url) => skips.matches(url)));
  const limiter = new HostLimiter(options.concurrency, options.perHostConcurrency);
  const unguard = options.allowPrivate ? async () => {} : guardConnections(options.lookup);
  const prober = await createProber(options);
  const refused = addressCheck(options.lookup);
  try {
    return await Promise.all(
      urls.map(async (url) => {
        const verdict = skipped.has(url)
          ? { url, state: 'skipped' as const, status: null, reason: 'matches links.skip' }
          : await followAndCheck(url, { options, limiter, prober, refused });
        options.onVerdict(verdict);
        return verdict;
      }),
    );
  } finally {
    await prober.close();
    await unguard();
  }
}

interface Tools {
  options: CheckOptions;
  limiter: HostLimiter;
  prober: Prober;
  refused: (url: string) => Promise<string | null>;
}

/** Follows redirects hop by hop, so that every hop passes the private-address rule before it is requested. */
async function followAndCheck(url: string, tools: Tools): Promise<Verdict> {
  const { options } = tools;
  const chain = [url];
  let movedTo: string | undefined;
  let permanentSoFar = true;
  for (;;) {
    const current = chain.at(-1)!;
    if (!options.allowPrivate) {
      let why: string | null;
      try {
        why = await tools.refused(current);
      } catch (error) {
        return { url, state: 'broken', status: null, reason: `host not found (${(error as NodeJS.ErrnoException).code ?? 'DNS error'})` };
      }
      if (why) return { url, state: 'private', status: null, reason: current === url ? why : `it redirects to ${current}, and ${why}` };
    }
    const { probe, attempts } = await probeWithRetries(current, tools);
    const location = probe.kind === 'answer' && probe.status >= 300 && probe.status < 400 ? probe.location : null;
    if (location === null) return verdictOf(url, probe, attempts, movedTo, options);
    const next = requestUrl(new URL(location, current).href);
    if (next === null) return { url, state: 'broken', status: probe.kind === 'answer' ? probe.status : null, reason: `redirects to ${location}, not an http(s) URL` };
    permanentSoFar &&= probe.kind === 'answer' && (probe.status === 301 || probe.status === 308);
    if (permanentSoFar) movedTo = next;
    if (chain.includes(next)) return { url, state: 'broken', status: null, reason: `redirect loop (${[...chain, next].join(' -> ')})` };
    if (chain.length > options.maxRedirects) return { url, state: 'broken', status: null, reason: `more than ${options.maxRedirects} redirects` };
    chain.push(next);
  }
}

async function probeWithRetries(url: string, { options, limiter, prober }: Tools): Promise<{ probe: Probe; attempts: number }> {
  const host = new URL(url).host;
  for (let attempt = 1; ; attempt++) {
    const probe = await limiter.run(host, () => prober.probe(url));
    const delay = retryDelay(probe, attempt, options, Date.now(), Math.random());
    if (delay === null) return { probe, attempts: attempt };
    await sleep(delay);
  }
}

function verdictOf(url: string, probe: Probe, attempts: number, movedTo: string | undefined, options: CheckOptions): Verdict {
  const tries = attempts > 1 ? `, after ${attempts} tries` : '';
  switch (probe.kind) {
    case 'timeout':
      return { url, state: 'timeout', status: null, reason: `no answer within ${options.timeoutMs / 1000} s` };
    case 'private':
      return { url, state: 'private', status: null, reason: `when connecting, ${probe.reason}` };
    case 'network':
      return { url, state: 'broken', status: null, reason: probe.reason + tries };
    case 'bot-wall':
      return { url, state: 'skipped', status: probe.status, reason: `behind bot protection (${probe.status})` };
    case 'answer': {
      const { status } = probe;
      const name = `${status} ${STATUS_CODES[status] ?? ''}`.trim();
      if (probe.ok) return { url, state: 'ok', status, reason: name, ...(movedTo && { movedTo }) };
      if (status === 429) {
        const asked = retryAfterMs(probe.retryAfter, Date.now());
        const beyondCap = asked !== null && asked > options.retryAfterCapMs ? `, Retry-After ${Math.round(asked / 1000)} s is beyond the cap` : '';
        return { url, state: 'timeout', status, reason: `rate limited (${name}${beyondCap}${tries})` };
      }
      if (status >= 300 && status < 400) return { url, state: 'broken', status, reason: `${name} without a Location` };
      return { url, state: 'broken', status, reason: name + tries };
    }
  }
}
