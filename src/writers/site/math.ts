// HOOK for the shared math step (issue #12): math reaches the site already turned into MathML by that step,
// inside the model's sanitized trees; what the site adds is KaTeX's stylesheet and fonts, shipped in
// assets/katex/ so that nothing is fetched. Until the step is on main there is nothing to ship.
import type { OutputFile } from '../writer.js';

export function mathAssets(): OutputFile[] {
  return [];
}
