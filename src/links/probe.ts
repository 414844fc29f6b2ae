// The network edge: one request exchange per URL, made by linkinator.
//
// linkinator checks the links of a page, so each batch of URLs is written as a small local HTML page
// of anchors and linkinator is pointed at it (its documented `check()` API; the page is served by
// linkinator's own static server). For every anchor linkinator sends HEAD, falls back to GET when
// HEAD gets anything but 2xx (which covers servers that answer HEAD with 405 or 501), applies the
// per-request timeout (so a silent server costs two timeouts: HEAD, then GET), sends browser-like
// headers, and cancels the body stream unread.
//
// Its own retry, Retry-After and redirect handling are switched off on purpose and done in check.ts:
// - redirects: 'error' makes it stop at each 3xx and hand back the Location, so every hop is
//   checked against the private-address rule before it is requested (fetch's automatic following
//   would let a public URL redirect the checker to 169.254.169.254), and so a permanent redirect
//   (301/308) can be told from a temporary one (after automatic following only the final 200 is known);
// - its Retry-After has no upper bound (a "Retry-After: 86400" would stall CI for a day), its error
//   backoff starts at 2 s and cannot be tuned, and it retries timeouts like any network error;
// - it has no per-host concurrency limit (limiter.ts).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LinkChecker, type HttpResponse, type LinkResult } from 'linkinator';

export type Probe =
  | { kind: 'answer'; status: number; ok: boolean; location: string | null; retryAfter: string | null }
  | { kind: 'bot-wall'; status: number }
  | { kind: 'timeout' }
  | { kind: 'network'; reason: string };

export interface ProbeOptions {
  timeoutMs: number;
  userAgent: string;
}

export interface Prober {
  probe(url: string): Promise<Probe>;
  close(): Promise<void>;
}

/** How long probes are gathered into one page: a few ms save a linkinator run (~4 ms of CPU) per probe. */
const BATCH_WINDOW_MS = 5;

/**
 * Probes requested within a few milliseconds of each other go to linkinator as one page, so that a
 * hundred concurrent probes cost one linkinator run, not a hundred. `url` must be a normalized href
 * without fragment (collect.ts `requestUrl`), as linkinator reports results under that form.
 */
export async function createProber(options: ProbeOptions): Promise<Prober> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mlq-links-'));
  let pending = new Map<string, ((probe: Probe) => void)[]>();
  let pages = 0;
  let flushing: Promise<void> = Promise.resolve();

  const flush = async (batch: Map<string, ((probe: Probe) => void)[]>) => {
    const page = path.join(dir, `${++pages}.html`);
    const anchors = [...batch.keys()].map((url) => `<a href="${escapeAttribute(url)}">${pages}</a>`);
    await writeFile(page, `<!doctype html><title>links</title>${anchors.join('\n')}\n`);
    const answer = (url: string, probe: Probe) => {
      for (const resolve of batch.get(url) ?? []) resolve(probe);
      batch.delete(url);
    };
    const checker = new LinkChecker();
    checker.on('link', (result: LinkResult) => {
      if (result.parent) answer(result.url, toProbe(result));
    });
    try {
      await checker.check({
        path: page,
        recurse: false,
        concurrency: batch.size + 1,
        timeout: options.timeoutMs,
        userAgent: options.userAgent,
        redirects: 'error',
        retry: false,
        retryErrors: false,
      });
    } catch (error) {
      for (const url of [...batch.keys()]) answer(url, { kind: 'network', reason: `link checker failed: ${(error as Error).message}` });
    } finally {
      await rm(page, { force: true });
    }
    for (const url of [...batch.keys()]) answer(url, { kind: 'network', reason: 'no result from the link checker' });
  };

  return {
    probe(url) {
      return new Promise((resolve) => {
        if (pending.size === 0) {
          setTimeout(() => {
            const batch = pending;
            pending = new Map();
            flushing = Promise.all([flushing, flush(batch)]).then(() => {});
          }, BATCH_WINDOW_MS);
        }
        pending.set(url, [...(pending.get(url) ?? []), resolve]);
      });
    },
    async close() {
      await flushing;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function toProbe(result: LinkResult): Probe {
  const details = result.failureDetails ?? [];
  const status = result.status ?? 0;
  if (status === 0) {
    const errors = details.filter((d): d is Error => d instanceof Error);
    if (errors.some((e) => e.name === 'TimeoutError')) return { kind: 'timeout' };
    return { kind: 'network', reason: networkReason(errors.at(-1)) };
  }
  // linkinator marks a bot wall (999, Cloudflare's challenge) as skipped: the page may be fine.
  if (result.state === 'SKIPPED') return { kind: 'bot-wall', status };
  const response = details.find((d): d is HttpResponse => !(d instanceof Error) && 'status' in d);
  return {
    kind: 'answer',
    status,
    ok: result.state === 'OK',
    location: response?.headers.location ?? null,
    retryAfter: response?.headers['retry-after'] ?? null,
  };
}

const NETWORK_REASONS: Record<string, string> = {
  ECONNRESET: 'connection reset',
  UND_ERR_SOCKET: 'connection closed by the server',
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host lookup failed',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  CERT_HAS_EXPIRED: 'TLS certificate expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed TLS certificate',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS certificate does not match the host',
};

function networkReason(error: Error | undefined): string {
  if (!error) return 'network error';
  const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code;
  return (code && NETWORK_REASONS[code]) ?? cause?.message ?? error.message;
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
