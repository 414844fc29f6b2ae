// Which URLs a book links to, and where: every http(s) link of the banks, deduplicated.
import { byPlace, type Book, type Link, type Place } from '../model.js';

/** One URL to check, with every place in the sources where it is written. */
export interface LinkTarget {
  /** Normalized (WHATWG) and without its #fragment: the fragment does not change the request. */
  url: string;
  places: Place[];
}

export function bookLinks(book: Book): Link[] {
  return book.banks.flatMap((bank) => [
    ...bank.otherLinks,
    ...bank.questions.flatMap((q) => [...q.sources, ...q.answerLinks, ...q.links]),
  ]);
}

/** The request URL for a written link, or null if it is not an absolute http(s) URL. */
export function requestUrl(written: string): string | null {
  let url: URL;
  try {
    url = new URL(written);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  return url.href;
}

export function collectUrls(book: Book): LinkTarget[] {
  const byUrl = new Map<string, Place[]>();
  for (const link of bookLinks(book)) {
    const url = requestUrl(link.url);
    if (url === null) continue;
    const places = byUrl.get(url) ?? [];
    places.push({ file: link.file, line: link.line, column: link.column });
    byUrl.set(url, places);
  }
  return [...byUrl]
    .map(([url, places]) => ({ url, places: places.sort(byPlace) }))
    .sort((a, b) => byPlace(a.places[0]!, b.places[0]!));
}
