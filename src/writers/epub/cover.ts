// The cover: the title on a plain background, drawn as SVG (which the cover page shows, sharp at any size)
// and rasterized to PNG (the book's cover image, for the library views of reading systems that show no SVG).
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import type { BookMeta } from '../../model.js';
import { el } from '../shared/hast.js';
import { toXml } from '../shared/xml.js';

/** The cover files, as the book names them (epub-gen-memory names the cover image `cover.<extension>`). */
export const COVER_SVG = 'cover.svg';
export const COVER_PNG = 'cover.png';

const require = createRequire(import.meta.url);

/**
 * The one font the PNG is drawn with: a file of an npm package, never the system's fonts, so that the
 * same title gives the same pixels on every machine.
 */
const COVER_FONT = { family: 'DejaVu Serif', file: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif.ttf') };

/** The width the text may take inside the frame (600 wide, the frame 40 in from each side). */
const TEXT_WIDTH = 480;

let coverFont: fontkit.Font | undefined;

/**
 * The font size, at most `size`, at which the widest of `lines` fits the frame, measured in the PNG's font
 * (a reading system's own serif for the SVG is rarely wider than DejaVu Serif).
 */
function fittedSize(lines: readonly string[], size: number): number {
  coverFont ??= fontkit.openSync(COVER_FONT.file) as fontkit.Font;
  const font = coverFont;
  const widest = Math.max(0, ...lines.map((line) => font.layout(line).advanceWidth / font.unitsPerEm));
  return widest * size <= TEXT_WIDTH ? size : Math.floor(TEXT_WIDTH / widest);
}

/** The cover image: the title on a plain background, as SVG (no font or image to fetch). */
export function coverSvg(meta: BookMeta): string {
  const lines = wrap(meta.title, 18).slice(0, 6);
  const titleSize = fittedSize(lines, 52);
  const authors = meta.authors.join(', ');
  const byline = authors.length > 48 ? `${authors.slice(0, 47)}…` : authors;
  const text = (y: number, size: number, value: string) =>
    el('text', { x: '300', y: String(y), fontSize: String(size), textAnchor: 'middle', fill: '#ffffff', fontFamily: 'serif' }, [value]);
  const svg = el('svg', { xmlns: 'http://www.w3.org/2000/svg', version: '1.1', width: '600', height: '800', viewBox: '0 0 600 800' }, [
    el('title', {}, [meta.title]),
    el('rect', { x: '0', y: '0', width: '600', height: '800', fill: '#1f3a5f' }),
    el('rect', { x: '40', y: '40', width: '520', height: '720', fill: 'none', stroke: '#ffffff', strokeWidth: '2' }),
    ...lines.map((line, i) => text(260 + i * 64, titleSize, line)),
    byline && text(700, fittedSize([byline], 22), byline),
  ]);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${toXml(svg, 'svg')}\n`;
}

/** The SVG cover drawn as a 600 × 800 PNG by resvg (no browser), loaded on first use. */
export async function coverPng(svg: string): Promise<Uint8Array> {
  const { Resvg } = await import('@resvg/resvg-js');
  const font = { loadSystemFonts: false, fontFiles: [COVER_FONT.file], defaultFontFamily: COVER_FONT.family, serifFamily: COVER_FONT.family };
  return new Uint8Array(new Resvg(svg, { font, fitTo: { mode: 'original' }, logLevel: 'off' }).render().asPng());
}

/** Greedy word wrap to lines of about `width` characters. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}
