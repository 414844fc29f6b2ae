// When the link checker asks again, and what each verdict says at the places a URL is written.
import { describe, expect, it } from 'vitest';
import type { Probe } from '../src/links/probe.js';
import { isRetryable, retryAfterMs, retryDelay } from '../src/links/retry.js';
import { LINK_RULES, toDiagnostics, type Verdict } from '../src/links/verdict.js';
import { read, ROOT } from './support/book.js';

describe('Retry-After', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');

  it.each([
    ['3', 3000],
    ['30', 30_000],
    ['0', 0],
    [' 3 ', 3000],
    ['Wed, 01 Jan 2025 00:00:05 GMT', 5000],
    ['Tue, 31 Dec 2024 23:59:00 GMT', 0],
  ])('"%s" is %d ms from now', (value, ms) => {
    expect(retryAfterMs(value, now)).toBe(ms);
  });

  it.each(['3s', 'abc3', '1e3', 'soon', ''])('"%s" is neither seconds nor a date', (value) => {
    expect(retryAfterMs(value, now)).toBeNull();
  });

  it('is absent without the header', () => {
    expect(retryAfterMs(null, now)).toBeNull();
  });
});

describe('isRetryable', () => {
  const answer = (status: number): Probe => ({ kind: 'answer', status, ok: status < 400, location: null, retryAfter: null });

  it.each([
    [answer(500), true],
    [answer(503), true],
    [answer(599), true],
    [answer(429), true],
    [answer(499), false],
    [answer(404), false],
    [answer(200), false],
    [{ kind: 'network', reason: 'connection reset' } as Probe, true],
    [{ kind: 'timeout' } as Probe, false],
    // A bot wall answers the same way however often it is asked.
    [{ kind: 'bot-wall', status: 503 } as Probe, false],
    [{ kind: 'bot-wall', status: 429 } as Probe, false],
  ])('%j: %s', (probe, retryable) => {
    expect(isRetryable(probe)).toBe(retryable);
  });
});

describe('retryDelay', () => {
  const policy = { retries: 3, retryBaseMs: 1000, retryAfterCapMs: 30_000 };
  const answer = (status: number, retryAfter: string | null = null): Probe => ({ kind: 'answer', status, ok: false, location: null, retryAfter });

  it('doubles the backoff each attempt, with up to a quarter more as jitter, up to the last retry', () => {
    expect([1, 2, 3].map((attempt) => retryDelay(answer(500), attempt, policy, 0, 0))).toEqual([1000, 2000, 4000]);
    expect(retryDelay(answer(500), 3, policy, 0, 1)).toBe(5000);
    expect(retryDelay(answer(500), 2, policy, 0, 0.5)).toBe(2250);
    expect(retryDelay(answer(500), 4, policy, 0, 0)).toBeNull();
  });

  it('waits the Retry-After of a 429 up to and including the cap, and gives up beyond it', () => {
    expect(retryDelay(answer(429, '30'), 1, policy, 0, 0)).toBe(30_000);
    expect(retryDelay(answer(429, '31'), 1, policy, 0, 0)).toBeNull();
    expect(retryDelay(answer(429, 'soon'), 2, policy, 0, 0)).toBe(2000);
  });

  it('backs off as usual on a 5xx, whatever its Retry-After says', () => {
    expect(retryDelay(answer(503, '20'), 1, policy, 0, 0)).toBe(1000);
    expect(retryDelay(answer(503, '3600'), 1, policy, 0, 0)).toBe(1000);
  });

  it('never retries a bot wall', () => {
    expect(retryDelay({ kind: 'bot-wall', status: 429 }, 1, policy, 0, 0)).toBeNull();
  });
});

describe('toDiagnostics', () => {
  const verdict = (state: Verdict['state'], extra: Partial<Verdict> = {}): Verdict => ({ url: `https://${state}.test/`, state, status: null, reason: 'why', ...extra });
  const at = (v: Verdict) => [{ url: v.url, places: [{ file: 'a.md', line: 3, column: 5 }] }];
  const one = (v: Verdict) => toDiagnostics([v], at(v));

  it('says what each verdict means, and what to do', () => {
    expect(one(verdict('broken', { status: 404, reason: '404 Not Found' }))).toEqual([
      {
        file: 'a.md', line: 3, column: 5, rule: 'link-broken', severity: 'error',
        message: 'Broken link https://broken.test/ (404 Not Found).',
        hint: 'Fix or replace the link, or add a pattern to links.skip in mlq.yaml.',
      },
    ]);
    expect(one(verdict('timeout', { reason: 'no answer within 10 s' }))).toEqual([
      {
        file: 'a.md', line: 3, column: 5, rule: 'link-timeout', severity: 'warning',
        message: 'Link https://timeout.test/ did not answer (no answer within 10 s).',
        hint: 'Check the link by hand; it is checked again on the next run.',
      },
    ]);
    expect(one(verdict('private', { reason: 'resolves to 10.0.0.5' }))).toEqual([
      {
        file: 'a.md', line: 3, column: 5, rule: 'link-private', severity: 'error',
        message: 'Link https://private.test/ was not requested: resolves to 10.0.0.5.',
        hint: 'Link to a public address (--allow-private checks such links, for tests).',
      },
    ]);
    expect(one(verdict('ok', { status: 200, movedTo: 'https://new.test/' }))).toEqual([
      {
        file: 'a.md', line: 3, column: 5, rule: 'link-redirect', severity: 'info',
        message: 'Link https://ok.test/ is permanently redirected to https://new.test/.',
        hint: 'Link to https://new.test/ instead.',
      },
    ]);
  });

  it('says nothing of a link that answered where it was, or was skipped', () => {
    expect(one(verdict('ok', { status: 200 }))).toEqual([]);
    expect(one(verdict('skipped', { reason: 'matches links.skip' }))).toEqual([]);
  });

  it('reports nothing for a verdict on a URL the bank does not have', () => {
    expect(toDiagnostics([verdict('broken')], [])).toEqual([]);
  });

  it('has the default severities of the rules table in the README', () => {
    // The table's row: | `link-broken`, `link-timeout`, ... | error, warning, ... | found by `mlq links` (below) |
    const [, ids, severities] = /^\| (`link-.*?) \| (.*?) \|/m.exec(read(`${ROOT}/README.md`))!;
    const documented = ids!.split(', ').map((id, i) => [id.replaceAll('`', ''), severities!.split(', ')[i]]);
    expect(documented).toHaveLength(4);
    expect(Object.fromEntries(Object.entries(LINK_RULES).map(([id, rule]) => [id, rule.severity]))).toEqual(Object.fromEntries(documented));
  });
});
