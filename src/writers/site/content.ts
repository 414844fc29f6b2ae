// Copies the model's sanitized trees into the site's pages: the sanitizing is done once, in read/markdown.ts;
// this only places the result. Links between questions point at the page that holds the question, relative
// links at the upstream repository, referral and affiliate links get rel="sponsored nofollow", local images
// point at their copy in the site, headings fit under the page's own, and an id is used once per page.
import { createHash } from 'node:crypto';
import type { Element, ElementContent, Nodes, Properties, RootContent } from 'hast';
import { bankTrees, type Bank } from '../../model.js';
import type { PatternList } from '../../patterns.js';
import { decodeFragment, siteOf } from '../shared/links.js';
import type { BookLinks } from '../shared/book-links.js';
import { rootOf } from './addresses.js';
import { mathOf, texToKatexHtml } from '../shared/math.js';
import { taskBox } from '../../read/markdown.js';
import type { ImageType, ReadAsset } from '../writer.js';
import { allowedProperties, anyText, integerFrom, type AttributeTable } from '../shared/hast.js';
import { highlighted } from './code.js';

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const HEADING = /^h([1-6])$/;

const whole = integerFrom(-Infinity);

/**
 * The attributes of the sanitizer's output that HTML5 keeps: GitHub's schema also lets HTML 4's
 * presentational ones through (`align`, `border`, `nowrap`...), which the Nu checker reports as obsolete.
 */
const SITE_ATTRIBUTES: AttributeTable = {
  '*': { id: anyText, className: Array.isArray, title: anyText, lang: anyText, dir: anyText },
  a: { href: anyText },
  img: { alt: anyText, src: anyText, width: whole, height: whole },
  ol: { start: whole, reversed: (value) => value === true },
  td: { colSpan: whole, rowSpan: whole },
  th: { colSpan: whole, rowSpan: whole, scope: anyText },
  details: { open: (value) => value === true },
  blockquote: { cite: anyText },
  q: { cite: anyText },
  del: { cite: anyText, dateTime: anyText },
  ins: { cite: anyText, dateTime: anyText },
};

const siteProperties = (tagName: string, given: Properties): Properties => allowedProperties(SITE_ATTRIBUTES, tagName, given);

/** Whether a link goes to a referral or affiliate host (site.sponsored in mlq.yaml). */
export function isSponsored(href: string, patterns: PatternList): boolean {
  const host = siteOf(href);
  return host !== null && patterns.matches(host);
}

export interface SiteLinks {
  /** Question id -> "page.html#id" (or "page/#id"), from the site's root. */
  anchors: Map<string, string>;
  /** Each bank's page, from the site's root: where a link to the bank's upstream address leads. */
  bankPages: string[];
  bookLinks: BookLinks;
  sponsored: PatternList;
  /** A local image of a bank (keyed by imageKey) -> its path in the site, or why it is not there. */
  images: Map<string, ImageCopy>;
  warnings: string[];
}

/** An `<a>` to a place outside the site, with rel="sponsored nofollow" where its host asks for it. */
export function outLink(href: string, children: ElementContent[], links: Pick<SiteLinks, 'sponsored'>): Element {
  const properties: Properties = { href };
  if (isSponsored(href, links.sponsored)) properties.rel = ['sponsored', 'nofollow'];
  return { type: 'element', tagName: 'a', properties, children };
}

const imageKey = (file: string, src: string) => `${file}\n${src}`;

/** One page's copy of trees: the ids already used in it, and how far its headings move. */
export class PageContent {
  readonly ids = new Set<string>();
  /** Whether the page got a formula: it then links KaTeX's stylesheet (see math.ts). */
  math = false;

  /** The way from this page up to the site's root ("" or "../"), which the page's links to the site start with. */
  private readonly root: string;

  constructor(
    private readonly links: SiteLinks,
    /** The page's file in the site ("basics.html", "basics/index.html"). */
    file: string,
  ) {
    this.root = rootOf(file);
  }

  /** The level of the last heading placed by `nodes`: the next may go at most one deeper. */
  private outline = 1;

  /**
   * `nodes` of a tree from `file`, its highest heading placed at `top` (h3 under a question's h2, ...) and
   * none more than one level below the heading before it, so that a page's outline never skips a level.
   */
  nodes(nodes: readonly RootContent[], file: string, top = 3): ElementContent[] {
    this.outline = top - 1;
    const highest = Math.min(7, ...nodes.flatMap(headingLevels));
    return nodes.flatMap((node) => this.node(node, file, top, top - highest));
  }

  private node(node: RootContent, file: string, top: number, shift: number): ElementContent[] {
    if (node.type === 'text') return [{ type: 'text', value: node.value }];
    if (node.type !== 'element') return [];
    const math = mathOf(node);
    if (math) {
      this.math = true;
      // KaTeX's own markup, from the shared math step (`raw`: the page is serialized with it as it is).
      return [{ type: 'raw', value: texToKatexHtml(math.tex, math.display) } as unknown as ElementContent];
    }
    const level = HEADING.exec(node.tagName);
    if (level) this.outline = Math.max(top, Math.min(6, Number(level[1]) + shift, this.outline + 1));
    const tagName = level ? `h${this.outline}` : node.tagName;
    const children = node.children.flatMap((child) => this.node(child, file, top, shift));
    const properties = siteProperties(node.tagName, node.properties);
    if (node.tagName === 'img') {
      const src = String(properties.src ?? '');
      const copy = this.links.images.get(imageKey(file, src)) ?? { refused: 'was not found' };
      if ('path' in copy) return [{ type: 'element', tagName, properties: { ...properties, src: this.root + copy.path, alt: String(properties.alt ?? '') }, children: [] }];
      const line = node.position?.start.line;
      this.links.warnings.push(`${file}${line ? `:${line}` : ''}: image "${src}" ${copy.refused}: the site shows its description`);
      return [{ type: 'text', value: `[${String(properties.alt ?? '') || src}]` }];
    }
    if (node.tagName === 'input') {
      const box = taskBox(node);
      return box ? [{ type: 'text', value: box }] : [];
    }
    if (typeof properties.id === 'string') {
      if (this.ids.has(properties.id)) delete properties.id;
      else this.ids.add(properties.id);
    }
    if (node.tagName === 'a') {
      const href = this.href(String(properties.href ?? ''), file);
      if (href === null) return children;
      properties.href = href;
      if (isSponsored(href, this.links.sponsored)) properties.rel = ['sponsored', 'nofollow'];
    }
    const element: Element = { type: 'element', tagName, properties, children };
    return [tagName === 'pre' ? highlighted(element) : element];
  }

  /** Where a link of the bank `file` leads in the site, or null where it must stay text. */
  private href(href: string, file: string): string | null {
    const local = href.startsWith('#') ? this.links.anchors.get(decodeFragment(href.slice(1))) : undefined;
    if (href.startsWith('#')) return local === undefined ? null : this.root + local;
    const target = this.links.bookLinks.target(href, file);
    if (target === null) return null;
    return 'bank' in target ? this.root + this.links.bankPages[target.bank]! || './' : target.href;
  }
}

/** The elements of a tree, in document order. A plain walk: unist-util-visit's bookkeeping costs more on 100x banks. */
function* elementsOf(node: Nodes): Generator<Element> {
  if (node.type === 'element') yield node;
  if ('children' in node) for (const child of node.children) yield* elementsOf(child);
}

const headingLevels = (node: Nodes): number[] =>
  [...elementsOf(node)].flatMap((element) => {
    const level = HEADING.exec(element.tagName);
    return level ? [Number(level[1])] : [];
  });

/** Where a local image of a bank is in the site, or why the site shows its description instead. */
export type ImageCopy = { path: string } | { refused: string };

/** The file extension of each image type in media/. */
const EXTENSIONS: Record<ImageType, string> = { png: 'png', jpeg: 'jpg', gif: 'gif', webp: 'webp', avif: 'avif' };

/**
 * The local images of the banks, read through the build's asset reader (src/io/assets.ts): each file is
 * copied once into media/, named by its content, and the pages point at the copy.
 */
export async function collectImages(
  banks: readonly Bank[],
  readAsset: ReadAsset,
): Promise<{ images: Map<string, ImageCopy>; files: { path: string; bytes: Uint8Array }[] }> {
  const images = new Map<string, ImageCopy>();
  const byRealPath = new Map<string, string>();
  const files: { path: string; bytes: Uint8Array }[] = [];
  for (const bank of banks) {
    for (const { tree, at: { file } } of bankTrees(bank)) {
      for (const element of elementsOf(tree)) {
        const src = element.tagName === 'img' ? element.properties.src : undefined;
        const key = imageKey(file, String(src));
        if (typeof src !== 'string' || images.has(key)) continue;
        const asset = await readAsset(src, file);
        if (typeof asset === 'string') {
          images.set(key, { refused: asset });
          continue;
        }
        // One file under many spellings is hashed and copied once.
        let path = byRealPath.get(asset.realPath);
        if (!path) {
          path = `media/${createHash('sha256').update(asset.bytes).digest('hex').slice(0, 16)}.${EXTENSIONS[asset.type]}`;
          byRealPath.set(asset.realPath, path);
          files.push({ path, bytes: asset.bytes });
        }
        images.set(key, { path });
      }
    }
  }
  return { images, files };
}
