// HOOK for the shared math step (issue #12, src/writers/math.ts, not on main yet): formulas are to be
// rendered there by KaTeX, and the site to ship KaTeX's stylesheet and fonts in assets/katex/, linked from
// the pages that have a formula (PageContent.math). Until then no page has one, and nothing is shipped.
import type { OutputFile } from '../writer.js';

export const KATEX_STYLESHEET = 'assets/katex/katex.min.css';

/** KaTeX's stylesheet and fonts, for a site with at least one formula (`hasMath`): none yet, see above. */
export function mathAssets(hasMath: boolean): OutputFile[] {
  void hasMath;
  return [];
}
