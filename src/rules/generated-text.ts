import type { ElementContent, Root, RootContent } from 'hast';
import { bankTrees, type Place } from '../model.js';
import { perBank, type Finding, type Rule } from './rule.js';

/** What a chatbot says to the person who asked, which a reader of the answer should never see. */
const LEFTOVER = /\b(?:(?:Sure|Certainly|Of course)[,!]? here(?:'s|’s| is)|As an AI\b|I hope (?:this|that) helps)/gi;
/** A bank that says its answers were generated: "were generated using ChatGPT", "written by an AI". */
const DISCLOSURE = /(?:generated|written) (?:by|using|with) (?:ChatGPT|GPT|an AI|AI|a chatbot|a language model)\b/gi;

interface TextHit extends Place {
  text: string;
}

/**
 * Each match of `pattern` in the text nodes of a tree, at the line it is on. The column is exact on a node's
 * first line; on a later one it is counted from the line's text, which has lost its indent.
 */
function matchesIn(tree: Root, pattern: RegExp, at: Place): TextHit[] {
  const hits: TextHit[] = [];
  const walk = (nodes: readonly (RootContent | ElementContent)[]) => {
    for (const node of nodes) {
      if (node.type === 'element') walk(node.children);
      if (node.type !== 'text') continue;
      const start = node.position?.start ?? at;
      for (const match of node.value.matchAll(pattern)) {
        const lines = node.value.slice(0, match.index).split('\n');
        const last = lines.at(-1)!;
        const column = lines.length === 1 ? start.column + last.length : last.length + 1;
        hits.push({ text: match[0], file: at.file, line: start.line + lines.length - 1, column });
      }
    }
  };
  walk(tree.children);
  return hits;
}

export const generatedText: Rule = {
  id: 'generated-text',
  severity: 'warning',
  description: 'An answer holds what a chatbot says to its user ("Sure, here\'s", "As an AI language model"); a bank that says its answers were generated gets one note.',
  hint: 'Delete the chatbot\'s words and keep the answer; check generated answers against a source.',
  check: perBank((bank) => {
    const trees = bankTrees(bank);
    const leftovers = trees
      .filter((t) => t.answer)
      .flatMap(({ tree, at }) => matchesIn(tree, LEFTOVER, at).map(({ text, ...place }): Finding => ({ ...place, message: `"${text}" is a chatbot's leftover in an answer.` })));
    // The front matter comes first.
    const [disclosure] = matchesIn(trees[0]!.tree, DISCLOSURE, trees[0]!.at);
    const note: Finding[] = disclosure
      ? [{ file: disclosure.file, line: disclosure.line, column: disclosure.column, severity: 'info', message: `The bank says its answers were ${disclosure.text}: check them against their sources.`, hint: 'Review the generated answers; cite a source for each.' }]
      : [];
    return [...note, ...leftovers];
  }),
};
