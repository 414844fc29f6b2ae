// The network edge: one request exchange per URL, made by linkinator.
//
// linkinator checks the links of a page, so each batch of URLs becomes a small HTML page of anchors and
// linkinator is pointed at it (its documented `check()` API). The pages are served from memory by a
// server of ours on 127.0.0.1 only (linkinator's own static server listens on every interface, and
// needs the pages on disk, where an interrupted run would leave them). For every anchor linkinator sends HEAD, falls back to GET when
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
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { LinkChecker, type HttpResponse, type LinkResult } from 'linkinator';
import { PRIVATE_ADDRESS } from './connect.js';

export type Probe =
  | { kind: 'answer'; status: number; ok: boolean; location: string | null; retryAfter: string | null }
  | { kind: 'bot-wall'; status: number }
  | { kind: 'timeout' }
  | { kind: 'private'; reason: string }
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
  const pagesServed = new Map<string, string>();
  const server = http.createServer((request, response) => {
    const page = pagesServed.get(request.url ?? '');
    response.writeHead(page === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let pending = new Map<string, ((probe: Probe) => void)[]>();
  let pages = 0;
  let flushing: Promise<void> = Promise.resolve();

  const flush = async (batch: Map<string, ((probe: Probe) => void)[]>) => {
    const page = `/${++pages}.html`;
    const anchors = [...batch.keys()].map((url) => `<a href="${escapeAttribute(url)}">${pages}</a>`);
    pagesServed.set(page, `<!doctype html><title>links</title>${anchors.join('\n')}\n`);
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
        path: `${origin}${page}`,
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
      pagesServed.delete(page);
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
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function toProbe(result: LinkResult): Probe {
  const details = result.failureDetails ?? [];
  const status = result.status ?? 0;
  if (status === 0) {
    const errors = details.filter((d): d is Error => d instanceof Error);
    if (errors.some((e) => e.name === 'TimeoutError')) return { kind: 'timeout' };
    const refused = errors.map(causeOf).find((cause) => cause?.code === PRIVATE_ADDRESS);
    if (refused) return { kind: 'private', reason: refused.message ?? 'a private address' };
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

const causeOf = (error: Error) => (error as Error & { cause?: { code?: string; message?: string } }).cause;

function networkReason(error: Error | undefined): string {
  if (!error) return 'network error';
  const cause = causeOf(error);
  const code = cause?.code;
  return (code && NETWORK_REASONS[code]) ?? cause?.message ?? error.message;
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
