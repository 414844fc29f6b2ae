// What every writer shows the same way: which URLs may be links at all, a site's name as a label, and when
// a question gets the note that it has no answer (the note's words are in words.ts).
import type { Link, Question } from '../../model.js';

/** Schemes a reader can follow from a page or a card; anything else (javascript:, data:, relative paths) stays text. */
const LINKABLE = new Set(['http:', 'https:', 'mailto:']);
const WEB = new Set(['http:', 'https:']);

const parse = (url: string): URL | null => (URL.canParse(url) ? new URL(url) : null);

/** The URL to link to, normalized (e.g. spaces escaped), or null when it must stay text. */
export function linkTarget(url: string): string | null {
  const parsed = parse(url);
  return parsed && LINKABLE.has(parsed.protocol) ? parsed.href : null;
}

/** "towardsdatascience.com" for an http(s) URL: what a reader needs to recognize the target; null for others. */
export function siteOf(url: string): string | null {
  const parsed = parse(url);
  return parsed && WEB.has(parsed.protocol) ? parsed.hostname.replace(/^www\./, '') || null : null;
}

/** A link's label when it has no better one: its site, or the URL itself when it has none. */
export const domainOf = (url: string): string => siteOf(url) ?? url;

/**
 * The links a reader can follow, with their targets. Sources and answer links are listed only so: a
 * `javascript:` URL or a path into a repository the output does not hold is left out.
 */
export function followable(links: readonly Link[]): { link: Link; href: string }[] {
  return links.flatMap((link) => {
    const href = linkTarget(link.url);
    return href ? [{ link, href }] : [];
  });
}

/** Whether a question gets the no-answer note: it has no answer, and no answer link a reader could follow. */
export const needsNoAnswerNote = (q: Question): boolean => !q.hasAnswer && followable(q.answerLinks).length === 0;

const GENERIC_LABEL = /^(?:src|source|sources|ref|reference|answer|link)?\s*\d*$/i;

/** "src" and "Answer" say nothing on a page that already says "Source:": the site's name does. */
export const linkText = ({ label, url }: Link): string => (GENERIC_LABEL.test(label.trim()) ? domainOf(url) : label);

/** A fragment percent-decoded, or as written where it is not valid percent-encoding ("%ZZ"): it then matches no question. */
export function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

/**
 * A GitHub repository's address, "https://github.com/owner/name", without a trailing slash; null for others,
 * and for names GitHub does not allow: an owner is letters, digits and inner hyphens; a name also has . and _,
 * and is not "." or ".." (which a path would resolve away).
 */
export function githubRepository(upstream: string): { owner: string; name: string; url: string } | null {
  const match = /^https?:\/\/github\.com\/([A-Za-z\d](?:[A-Za-z\d-]*[A-Za-z\d])?)\/(?!\.{1,2}\/*$)([\w.-]+?)\/*$/.exec(upstream);
  return match ? { owner: match[1]!, name: match[2]!, url: `https://github.com/${match[1]}/${match[2]}` } : null;
}

/** Where a relative link of a bank points: the upstream repository's files (GitHub's blob view). */
export function upstreamBase(upstream: string): string | null {
  if (!/^https?:\/\//.test(upstream)) return null;
  const github = githubRepository(upstream);
  return github ? `${github.url}/blob/HEAD/` : `${upstream.replace(/\/+$/, '')}/`;
}
