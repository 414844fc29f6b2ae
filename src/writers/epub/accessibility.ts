// The book's accessibility metadata (EPUB Accessibility 1.1, schema.org's vocabulary), read from the pages
// as built, so that it says what the book has rather than what it is meant to have.
import type { Element, Root, RootContent } from 'hast';
import type { Page } from './content.js';

/** One `<meta property="…">…</meta>` of the package document. */
export interface MetaProperty {
  property: string;
  value: string;
}

/** What the book is checked against (Ace by DAISY, epubcheck), in the form EPUB Accessibility 1.1 sets. */
export const CONFORMANCE = 'EPUB Accessibility 1.1 - WCAG 2.1 Level AA';

function imagesOf(node: Root | RootContent): Element[] {
  if (node.type !== 'root' && node.type !== 'element') return [];
  const own = node.type === 'element' && node.tagName === 'img' ? [node] : [];
  return [...own, ...node.children.flatMap(imagesOf)];
}

export function accessibilityMetadata(pages: readonly Page[]): MetaProperty[] {
  const images = pages.flatMap((page) => imagesOf(page.body));
  const described = images.every((image) => String(image.properties.alt ?? '').trim() !== '');
  const math = pages.some((page) => page.mathml);

  const modes = ['textual', ...(images.length > 0 ? ['visual'] : [])];
  // Text alone is enough when every image says in words what it shows.
  const sufficient = [...(described ? ['textual'] : []), ...(images.length > 0 ? ['textual,visual'] : [])];
  const features = [
    'tableOfContents',
    'readingOrder',
    'structuralNavigation',
    // The stylesheet sets no fonts, sizes in px or colours: the reading system's settings apply.
    'displayTransformability',
    ...(images.length > 0 && described ? ['alternativeText'] : []),
    ...(math ? ['MathML', 'describedMath'] : []),
  ];
  const summary = [
    images.length === 0 ? 'All content is text.' : described ? 'All content is available as text: every image has a text alternative.' : 'Some images have no text alternative.',
    math ? 'Formulas are MathML, each with its TeX as alternative text.' : '',
    'A table of contents lists every question; headings follow the book\'s structure without skipping a level; the reading order is the order of the text.',
    'No flashing, motion or sound.',
  ]
    .filter(Boolean)
    .join(' ');
  return [
    ...modes.map((value) => ({ property: 'schema:accessMode', value })),
    ...sufficient.map((value) => ({ property: 'schema:accessModeSufficient', value })),
    ...features.map((value) => ({ property: 'schema:accessibilityFeature', value })),
    { property: 'schema:accessibilityHazard', value: 'none' },
    { property: 'schema:accessibilitySummary', value: summary },
    { property: 'dcterms:conformsTo', value: CONFORMANCE },
  ];
}
