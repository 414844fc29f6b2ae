import { bankTrees } from '../model.js';
import { findMath, type MathNode } from '../read/math.js';
import { texError } from '../writers/shared/math.js';
import { unsafeTexCommand } from '../writers/shared/unsafe-tex.js';
import { perBank, shorten, type Finding, type Rule } from './rule.js';

/** What is wrong with a formula, and the offset in its TeX where, or null. */
interface Problem {
  message: string;
  offset: number | null;
}

/** A command no output may hold (src/writers/shared/unsafe-tex.ts), before what KaTeX can parse. */
function refusedCommand(math: MathNode): Problem | null {
  const unsafe = unsafeTexCommand(math.tex);
  return unsafe && { message: `Math "${shorten(math.tex, 40)}" uses ${unsafe.command}, which can make a link, style or script on an Anki card: it is not allowed.`, offset: unsafe.offset };
}

/** KaTeX's verdict on a formula. */
function renderError(math: MathNode): Problem | null {
  const error = texError(math.tex, math.display);
  return error && { message: `Math "${shorten(math.tex, 40)}" cannot be rendered: ${error.message}.`, offset: error.offset };
}

/** The renderer's verdict on each formula ($…$, $$…$$, ```math), at the formula, moved to where KaTeX stopped when it is on one line. */
export const mathSyntax: Rule = {
  id: 'math-syntax',
  severity: 'error',
  description: 'A formula is TeX that neither KaTeX nor MathJax (GitHub\'s renderer) can parse, or uses a command that can make a link or script (\\href, \\style, \\class...).',
  hint: 'Fix the TeX (an unclosed brace or \\left, an unknown command), write a link outside the formula, or escape a dollar sign that is not math as \\$.',
  check: perBank((bank) =>
    bankTrees(bank).flatMap(({ tree, at }) =>
      findMath(tree).flatMap((math): Finding[] => {
        const problem = refusedCommand(math) ?? renderError(math);
        if (!problem) return [];
        const line = math.line ?? at.line;
        const column = math.column ?? at.column;
        // An inline formula on one line: the column of the character KaTeX stopped at, past the opening `$`.
        const onOneLine = !math.display && !math.tex.includes('\n');
        return [{ file: at.file, line, column: onOneLine ? column + 1 + (problem.offset ?? 0) : column, message: problem.message }];
      }),
    ),
  ),
};
