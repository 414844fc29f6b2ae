// MathJax's TeX -> SVG, imported only through loadMathJax() in math.ts: esbuild bundles it into a chunk of
// its own, which loads in a fraction of the time of MathJax's hundreds of files.
import { mathjax } from 'mathjax-full/js/mathjax.js';
import { TeX } from 'mathjax-full/js/input/tex.js';
import { SVG } from 'mathjax-full/js/output/svg.js';
import { liteAdaptor } from 'mathjax-full/js/adaptors/liteAdaptor.js';
import { RegisterHTMLHandler } from 'mathjax-full/js/handlers/html.js';
// The TeX packages, each registering itself on import: about what KaTeX (math-syntax's judge) knows. Not
// the ones that define macros (newcommand, configmacros) or load others (require, autoload): a formula
// must not reprogram the ones after it.
import 'mathjax-full/js/input/tex/base/BaseConfiguration.js';
import 'mathjax-full/js/input/tex/ams/AmsConfiguration.js';
import 'mathjax-full/js/input/tex/boldsymbol/BoldsymbolConfiguration.js';
import 'mathjax-full/js/input/tex/braket/BraketConfiguration.js';
import 'mathjax-full/js/input/tex/cancel/CancelConfiguration.js';
import 'mathjax-full/js/input/tex/cases/CasesConfiguration.js';
import 'mathjax-full/js/input/tex/color/ColorConfiguration.js';
import 'mathjax-full/js/input/tex/gensymb/GensymbConfiguration.js';
import 'mathjax-full/js/input/tex/noundefined/NoUndefinedConfiguration.js';
import 'mathjax-full/js/input/tex/textmacros/TextMacrosConfiguration.js';
import 'mathjax-full/js/input/tex/upgreek/UpgreekConfiguration.js';

const PACKAGES = ['base', 'ams', 'boldsymbol', 'braket', 'cancel', 'cases', 'color', 'gensymb', 'noundefined', 'textmacros', 'upgreek'];

/** A converter from TeX to the markup of MathJax's container, which holds the `<svg>`. */
export function createSvgConverter(): (tex: string, display: boolean) => string {
  const adaptor = liteAdaptor();
  RegisterHTMLHandler(adaptor);
  const document = mathjax.document('', {
    InputJax: new TeX({ packages: PACKAGES, maxMacros: 1000, maxBuffer: 5 * 1024 }),
    // Every glyph as its own path: no <use> of shared definitions, which PDF's SVG drawing may not follow.
    OutputJax: new SVG({ fontCache: 'none' }),
  });
  return (tex, display) => adaptor.outerHTML(document.convert(tex, { display, em: 16, ex: 8, containerWidth: 80 * 16 }));
}
