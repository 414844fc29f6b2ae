// What a check concluded about one URL, and how that becomes diagnostics at every place it is written.
import { sortDiagnostics, type Diagnostic, type Place } from '../model.js';
import type { LinkTarget } from './collect.js';

export type VerdictState = 'ok' | 'broken' | 'timeout' | 'private' | 'skipped';

export interface Verdict {
  url: string;
  state: VerdictState;
  /** The last HTTP status seen, or null when no answer came (network error, timeout, refused). */
  status: number | null;
  /** Why, in a few words: "404 Not Found", "connection reset", "resolves to 10.0.0.5". */
  reason: string;
  /** Set when the URL answered through a permanent redirect (301/308): where it lives now. */
  movedTo?: string;
}

export const LINK_RULES = {
  'link-broken': {
    severity: 'error',
    description: 'A link does not answer with a page (4xx, 5xx, network error, redirect loop).',
    hint: 'Fix or replace the link, or add a pattern to links.skip in mlq.yaml.',
  },
  'link-redirect': {
    severity: 'info',
    description: 'A link is permanently redirected: link to the new address.',
    hint: 'Link to the address it redirects to.',
  },
  'link-timeout': {
    severity: 'warning',
    description: 'A link did not answer in time, or stayed rate-limited.',
    hint: 'Check the link by hand; it is checked again on the next run.',
  },
  'link-private': {
    severity: 'error',
    description: 'A link points to a loopback, private, link-local or metadata address.',
    hint: 'Link to a public address (--allow-private checks such links, for tests).',
  },
} as const;

export type LinkRuleId = keyof typeof LINK_RULES;

function finding(verdict: Verdict): { rule: LinkRuleId; message: string; hint: string } | null {
  const { url, reason } = verdict;
  switch (verdict.state) {
    case 'ok':
      return verdict.movedTo
        ? { rule: 'link-redirect', message: `Link ${url} is permanently redirected to ${verdict.movedTo}.`, hint: `Link to ${verdict.movedTo} instead.` }
        : null;
    case 'broken':
      return { rule: 'link-broken', message: `Broken link ${url} (${reason}).`, hint: LINK_RULES['link-broken'].hint };
    case 'timeout':
      return { rule: 'link-timeout', message: `Link ${url} did not answer (${reason}).`, hint: LINK_RULES['link-timeout'].hint };
    case 'private':
      return {
        rule: 'link-private',
        message: `Link ${url} was not requested: ${reason}.`,
        hint: LINK_RULES['link-private'].hint,
      };
    // Stryker disable next-line StringLiteral,ConditionalExpression: without this case the switch ends and returns undefined, which reads as null.
    case 'skipped':
      return null;
  }
}

/** One diagnostic per place of every URL whose verdict is worth reporting, in source order. */
export function toDiagnostics(verdicts: Verdict[], targets: LinkTarget[]): Diagnostic[] {
  const placesOf = new Map(targets.map((t) => [t.url, t.places]));
  return sortDiagnostics(
    verdicts.flatMap((verdict) => {
      const found = finding(verdict);
      if (!found) return [];
      const places: Place[] = placesOf.get(verdict.url) ?? [];
      return places.map((place) => ({ ...place, rule: found.rule, severity: LINK_RULES[found.rule].severity, message: found.message, hint: found.hint }));
    }),
  );
}
