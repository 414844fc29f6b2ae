// The site's part of the shared math step (src/writers/shared/math.ts): formulas are rendered there, by KaTeX, as
// HTML with MathML beside it; the site ships KaTeX's stylesheet and fonts in assets/katex/, so nothing is
// fetched, and the pages with a formula link the stylesheet. Only the WOFF2 fonts are shipped (every browser
// that runs the site's script reads them), and the stylesheet names no other.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { KATEX_DIST } from '../shared/math.js';
import type { OutputFile } from '../writer.js';

export const KATEX_STYLESHEET = 'assets/katex/katex.min.css';

/** KaTeX's stylesheet with its WOFF and TrueType fallbacks left out. */
function stylesheet(): string {
  const css = readFileSync(path.join(KATEX_DIST, 'katex.min.css'), 'utf8');
  return css.replace(/,\s*url\(fonts\/[^)]+\.(?:woff|ttf)\)\s*format\("(?:woff|truetype)"\)/g, '');
}

/** KaTeX's stylesheet and fonts, for a site with at least one formula. */
export function mathAssets(hasMath: boolean): OutputFile[] {
  if (!hasMath) return [];
  const fonts = readdirSync(path.join(KATEX_DIST, 'fonts')).filter((name) => name.endsWith('.woff2')).sort();
  return [
    { path: KATEX_STYLESHEET, bytes: new TextEncoder().encode(stylesheet()) },
    ...fonts.map((name) => ({ path: `assets/katex/fonts/${name}`, bytes: new Uint8Array(readFileSync(path.join(KATEX_DIST, 'fonts', name))) })),
  ];
}
