// The PDF's type and page: TrueType files from npm packages, which of them has a glyph for a character,
// the body style and the margins.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as fontkit from 'fontkit';
import type { TFontDictionary } from 'pdfmake/interfaces.js';

const require = createRequire(import.meta.url);
const robotoDir = path.dirname(require.resolve('pdfmake/fonts/Roboto/Roboto-Regular.ttf'));
const dejavuDir = path.dirname(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));
const twemojiDir = path.dirname(require.resolve('@twemoji/svg/package.json'));

const roboto = (face: string) => path.join(robotoDir, `Roboto-${face}.ttf`);
const dejavu = (face: string) => path.join(dejavuDir, `${face}.ttf`);

/** Roboto for prose; DejaVu Sans Mono for code; DejaVu Sans for the symbols neither has (≥, ∑, arrows...). */
export const FONTS = {
  Roboto: { normal: roboto('Regular'), bold: roboto('Medium'), italics: roboto('Italic'), bolditalics: roboto('MediumItalic') },
  DejaVuSans: {
    normal: dejavu('DejaVuSans'),
    bold: dejavu('DejaVuSans-Bold'),
    italics: dejavu('DejaVuSans-Oblique'),
    bolditalics: dejavu('DejaVuSans-BoldOblique'),
  },
  DejaVuSansMono: {
    normal: dejavu('DejaVuSansMono'),
    bold: dejavu('DejaVuSansMono-Bold'),
    italics: dejavu('DejaVuSansMono-Oblique'),
    bolditalics: dejavu('DejaVuSansMono-BoldOblique'),
  },
} satisfies TFontDictionary;

export type FontName = keyof typeof FONTS;

const MARGIN = 56;
/** The text column, in points: about 70 characters of 11-point Roboto a line, a comfortable measure. */
export const MEASURE = 360;
const PAGE_WIDTH = { A4: 595.28, LETTER: 612 } as const;

/** The page's margins (left, top, right, bottom) around the text column, centred. */
export function pageMargins(pageSize: keyof typeof PAGE_WIDTH): [number, number, number, number] {
  const side = (PAGE_WIDTH[pageSize] - MEASURE) / 2;
  return [side, MARGIN, side, MARGIN];
}

/** The body text's font, size and leading: the guide's default style. */
export const BODY_STYLE = { font: 'Roboto', fontSize: 11, lineHeight: 1.3 } as const satisfies { font: FontName; fontSize: number; lineHeight: number };
export const FONT_FILES: ReadonlySet<string> = new Set(Object.values(FONTS).flatMap((faces) => Object.values(faces)));

/** The fonts tried in turn for a character, for prose and for code. */
export const PROSE: readonly FontName[] = ['Roboto', 'DejaVuSans'];
export const CODE: readonly FontName[] = ['DejaVuSansMono', 'DejaVuSans'];

export interface Run {
  text: string;
  font: FontName;
}

// Characters that take no space and that fonts need not have: they are dropped rather than drawn as boxes.
const IGNORABLE = /[\u00ad\u200b-\u200f\u2060-\u2064\ufe00-\ufe0f\ufeff]|\udb40[\udd00-\uddef]/g;
const ASCII = /^[\x20-\x7e\n]*$/;

let regularFaces: Map<FontName, fontkit.Font> | undefined;
let coverage: Map<FontName, Set<number>> | undefined;

/** Each family's regular face, opened once. */
function regularFace(name: FontName): fontkit.Font {
  regularFaces ??= new Map();
  let font = regularFaces.get(name);
  if (!font) regularFaces.set(name, (font = fontkit.openSync(FONTS[name].normal) as fontkit.Font));
  return font;
}

// Coverage is read from each family's regular face: the other faces of these families cover the same scripts.
function fontCoverage(): Map<FontName, Set<number>> {
  coverage ??= new Map((Object.keys(FONTS) as FontName[]).map((name) => [name, new Set(regularFace(name).characterSet)]));
  return coverage;
}

/** The width of a text set in a family's regular face, in points. */
export function textWidth(text: string, name: FontName, fontSize: number): number {
  const font = regularFace(name);
  return (font.layout(text).advanceWidth / font.unitsPerEm) * fontSize;
}

/**
 * Splits text into runs, each in the first font of the chain that has its characters. A character that no
 * font has stays in the first font and is added to `missing`, so that the build can say so.
 */
export function fontRuns(text: string, chain: readonly FontName[], missing: Set<string>): Run[] {
  const primary = chain[0]!;
  if (ASCII.test(text)) return [{ text, font: primary }];
  const fonts = fontCoverage();
  const runs: Run[] = [];
  for (const char of text.replace(IGNORABLE, '')) {
    const code = char.codePointAt(0)!;
    const font = code < 0x20 ? primary : chain.find((name) => fonts.get(name)!.has(code));
    if (!font) missing.add(char);
    const last = runs[runs.length - 1];
    const chosen = font ?? primary;
    if (last && last.font === chosen) last.text += char;
    else runs.push({ text: char, font: chosen });
  }
  return runs;
}

/** "中 (U+4E2D), 😀 (U+1F600)": the characters, readable in a build log. */
export function describeChars(chars: Iterable<string>): string {
  return [...chars]
    .map((char) => `${char} (U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`)
    .join(', ');
}

const emojiCache = new Map<string, string | null>();

/**
 * Twemoji's picture of an emoji (a whole sequence: flag, family, skin tone), or null where it has none. No
 * font here has colour emoji, and DejaVu Sans only some, in black: every emoji is drawn from Twemoji.
 * Its files are named by the code points in hex, without U+FE0F except in sequences joined by U+200D.
 */
export function emojiSvg(emoji: string): string | null {
  let svg = emojiCache.get(emoji);
  if (svg === undefined) {
    const points = emoji.includes('\u200d') ? emoji : emoji.replace(/\ufe0f/g, '');
    const name = [...points].map((char) => char.codePointAt(0)!.toString(16)).join('-');
    try {
      svg = readFileSync(path.join(twemojiDir, `${name}.svg`), 'utf8');
    } catch {
      svg = null;
    }
    emojiCache.set(emoji, svg);
  }
  return svg;
}
