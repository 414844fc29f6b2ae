// Stable ids: derived from what a question says, never from where it stands.
import { createHash } from 'node:crypto';

const MAX_SLUG = 60;
const LOST_IN_SLUG = /(?![A-Za-z0-9])[\p{L}\p{N}]/u;

/** Lower-case ASCII words joined by hyphens: "What's the trade-off?" -> "whats-the-trade-off". */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Whitespace, case and punctuation do not count: two titles that say the same thing compare equal. */
export function normalizeTitle(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, ' ')
    .trim();
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}

/**
 * A readable id from a question's title. Long titles are cut at a word, and they and titles with letters
 * outside a-z get a hash of the whole title, so questions that share a slug stay apart; titles with no
 * Latin letter at all are the hash alone.
 */
export function idFromTitle(title: string): string {
  const normalized = normalizeTitle(title);
  const slug = slugify(title);
  if (!slug) return `q-${shortHash(normalized)}`;
  // Letters the slug cannot spell ("Что такое SVM?" -> "svm") would make different questions collide.
  const lossy = LOST_IN_SLUG.test(title.normalize('NFKD'));
  if (slug.length <= MAX_SLUG && !lossy) return slug;
  const stem = slug.length <= MAX_SLUG ? slug : slug.slice(0, MAX_SLUG).replace(/-[^-]*$/, '') || slug.slice(0, MAX_SLUG);
  return `${stem}-${shortHash(normalized)}`;
}

/** `<!-- id: bias-variance -->` next to a heading overrides the derived id. */
export const ID_COMMENT = /<!--\s*id\s*:\s*([A-Za-z0-9][\w.-]*)\s*-->/;

/**
 * Makes ids unique in order of appearance: the second "x" becomes "x-2", and so on. Each base remembers
 * the next number to try, so 20,000 equal titles take linear time, not quadratic.
 */
export function uniqueIds(baseIds: readonly string[]): string[] {
  const used = new Set<string>();
  const next = new Map<string, number>();
  return baseIds.map((base) => {
    let id = base;
    let n = next.get(base) ?? 2;
    while (used.has(id)) id = `${base}-${n++}`;
    next.set(base, n);
    used.add(id);
    return id;
  });
}
