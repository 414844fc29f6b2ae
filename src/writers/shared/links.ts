// What every writer shows the same way: which URLs may be links at all, a site's name as a label, and when
// a question gets the note that it has no answer (the note's words are in words.ts).
import type { Link, Question } from '../../model.js';

/** Schemes a reader can follow from a page or a card; anything else (javascript:, data:, relative paths) stays text. */
const LINKABLE = new Set(['http:', 'https:', 'mailto:']);
const WEB = new Set(['http:', 'https:']);

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

const parse = (url: string): URL | null => (URL.canParse(url) ? new URL(url) : null);

/**
 * What RFC 3986 does not allow after a URI's authority, which the WHATWG serialization (URL.href) leaves as
 * written: `\ ^ { } | [ ] \` space " < >` and a "%" that starts no escape (GitHub's old math images,
 * `latex.codecogs.com/gif.latex?\frac{a}{b}`, are full of them). EPUB and HTML validators reject them.
 */
const NOT_IN_URI = /[^\w\-.~:/?#@!$&'()*+,;=%]|%(?![\dA-Fa-f]{2})/g;


/**
 * The URL to link to, normalized by the URL parser and escaped as RFC 3986 wants, or null when it must stay
 * text. Every writer's links come from here. The authority of an http(s) URL is left as the parser wrote it:
 * its IPv6 brackets are the only place "[" and "]" may stand.
 */
export function linkTarget(url: string): string | null {
  const parsed = parse(url);
  if (!parsed || !LINKABLE.has(parsed.protocol)) return null;
  const { href, protocol } = parsed;
  const pathStart = WEB.has(protocol) ? href.indexOf('/', protocol.length + 2) : protocol.length;
  return href.slice(0, pathStart) + href.slice(pathStart).replace(NOT_IN_URI, encodeURIComponent);
}

/**
 * Where a link of a bank leads from a page that is not in the repository: an absolute URL as linkTarget
 * makes it, a relative one resolved against the upstream's files (`upstreamBase`), or null where it must stay
 * text (an unlinkable scheme, or a relative link without an upstream). Fragments are the caller's.
 */
export function resolvedTarget(href: string, base: string | null): string | null {
  if (SCHEME.test(href)) return linkTarget(href);
  return base && URL.canParse(href, base) ? linkTarget(new URL(href, base).href) : null;
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
