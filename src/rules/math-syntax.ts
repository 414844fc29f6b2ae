import { findMath } from '../read/math.js';
import { texError } from '../writers/shared/math.js';
import { perBank, shorten, treesOf, type Finding, type Rule } from './rule.js';

/** The renderer's verdict on each formula ($…$, $$…$$, ```math), at the formula, moved to where KaTeX stopped when it is on one line. */
export const mathSyntax: Rule = {
  id: 'math-syntax',
  severity: 'error',
  description: 'A formula is TeX that neither KaTeX nor MathJax (GitHub\'s renderer) can parse: the outputs would show it as an error.',
  hint: 'Fix the TeX (an unclosed brace or \\left, an unknown command), or escape a dollar sign that is not math as \\$.',
  check: perBank((bank) =>
    treesOf(bank).flatMap(({ tree, at }) =>
      findMath(tree).flatMap((math): Finding[] => {
        const error = texError(math.tex, math.display);
        if (!error) return [];
        const line = math.line ?? at.line;
        const column = math.column ?? at.column;
        // An inline formula on one line: the column of the character KaTeX stopped at, past the opening `$`.
        const onOneLine = !math.display && !math.tex.includes('\n');
        return [{ file: at.file, line, column: onOneLine ? column + 1 + (error.offset ?? 0) : column, message: `Math "${shorten(math.tex, 40)}" cannot be rendered: ${error.message}.` }];
      }),
    ),
  ),
};
