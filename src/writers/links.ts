// Link targets as every writer shows them: which URLs may be links at all, and a site's name as a label.

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
