// toc.ncx: the EPUB 2 table of contents, for readers that predate EPUB 3's navigation document. It is
// derived from that document's `<nav epub:type="toc">`, so the two always list the same entries.
import type { Element } from 'hast';
import { el, textContent } from '../shared/hast.js';
import { toXml } from '../shared/xml.js';

interface Entry {
  label: string;
  href: string;
  children: Entry[];
}

const childElements = (node: Element, tag: string) =>
  node.children.filter((child): child is Element => child.type === 'element' && child.tagName === tag);

/** The entries of a nav's `<ol>`: each `<li>` has an `<a>` and may have an `<ol>` of its own. */
function entriesOf(list: Element | undefined): Entry[] {
  if (!list) return [];
  return childElements(list, 'li').flatMap((item) => {
    const link = childElements(item, 'a')[0];
    if (!link) return [];
    return [{ label: textContent(link).trim(), href: String(link.properties.href), children: entriesOf(childElements(item, 'ol')[0]) }];
  });
}

const depthOf = (entries: Entry[]): number => (entries.length === 0 ? 0 : 1 + Math.max(...entries.map((e) => depthOf(e.children))));

export function ncxOf(nav: Element, meta: { title: string; identifier: string }): string {
  const entries = entriesOf(childElements(nav, 'ol')[0]);
  let order = 0;
  const point = (entry: Entry): Element => {
    order++;
    return el('navPoint', { id: `nav-${order}`, playOrder: String(order) }, [
      el('navLabel', {}, [el('text', {}, [entry.label])]),
      el('content', { src: entry.href }),
      ...entry.children.map(point),
    ]);
  };
  const meta_ = (name: string, content: string) => el('meta', { name, content });
  const tree = el('ncx', { xmlns: 'http://www.daisy.org/z3986/2005/ncx/', version: '2005-1' }, [
    el('head', {}, [
      meta_('dtb:uid', `urn:uuid:${meta.identifier}`),
      meta_('dtb:depth', String(Math.max(1, depthOf(entries)))),
      meta_('dtb:totalPageCount', '0'),
      meta_('dtb:maxPageNumber', '0'),
    ]),
    el('docTitle', {}, [el('text', {}, [meta.title])]),
    el('navMap', {}, entries.map(point)),
  ]);
  // XML space: names keep their case (navPoint, playOrder), and empty elements close themselves.
  return `<?xml version="1.0" encoding="UTF-8"?>\n${toXml(tree, 'svg')}\n`;
}
