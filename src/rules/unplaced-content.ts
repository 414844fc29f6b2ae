import { numberLabel } from '../model.js';
import { perBank, shorten, type Rule } from './rule.js';

export const unplacedContent: Rule = {
  id: 'unplaced-content',
  severity: 'warning',
  description: 'Text between two questions belongs to neither, nor to a topic: it follows a heading above the questions\' depth that ended the answer before it and opened no topic, or a folded answer\'s </details>. It is in no output.',
  hint: 'To keep it in the answer before it, write its headings deeper than the question headings (indent it under a list item, or inside the <details>); to make it a topic\'s intro, put a question right under its heading.',
  check: perBank((bank) =>
    bank.unplaced.map((text) => {
      // A question always stands before it: what stands before the first is front matter. None stands on its line.
      // Stryker disable next-line EqualityOperator
      const before = bank.questions.findLast((q) => q.line < text.line)!;
      const one = text.lastLine === text.line;
      const lines = one ? `Line ${text.line}` : `Lines ${text.line}-${text.lastLine}`;
      return { ...text, message: `${lines} ("${shorten(text.text)}"), after question ${numberLabel(before)}, ${one ? 'belongs' : 'belong'} to no question or topic, and ${one ? 'is' : 'are'} in no output.` };
    }),
  ),
};
