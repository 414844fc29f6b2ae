// When to ask again: pure functions of a probe, the attempt number and the clock.
import type { Probe } from './probe.js';

export interface RetryPolicy {
  /** Retries after the first attempt, for network errors, 5xx and 429. */
  retries: number;
  /** Backoff before retry n is base * 2^(n-1), plus up to a quarter of that as jitter. */
  retryBaseMs: number;
  /** A Retry-After longer than this is not waited for: the link is reported as rate-limited. */
  retryAfterCapMs: number;
}

/** Milliseconds until the time a Retry-After header names (seconds or an HTTP date), or null. */
export function retryAfterMs(value: string | null, nowMs: number): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}

export function isRetryable(probe: Probe): boolean {
  if (probe.kind === 'network') return true;
  return probe.kind === 'answer' && (probe.status === 429 || probe.status >= 500);
}

/**
 * How long to wait before attempt `attempt + 1`, or null when `probe` is final. Timeouts are final:
 * a server that did not answer in time is reported (as a warning) rather than waited for again.
 */
export function retryDelay(probe: Probe, attempt: number, policy: RetryPolicy, nowMs: number, random: number): number | null {
  if (!isRetryable(probe) || attempt > policy.retries) return null;
  // The kind test is for the type of retryAfter: isRetryable lets through no other probe with a status, so a
  // mutant without it is equivalent.
  if (probe.kind === 'answer' && probe.status === 429) {
    const asked = retryAfterMs(probe.retryAfter, nowMs);
    if (asked !== null) return asked <= policy.retryAfterCapMs ? asked : null;
  }
  const backoff = policy.retryBaseMs * 2 ** (attempt - 1);
  return Math.round(backoff * (1 + random / 4));
}
