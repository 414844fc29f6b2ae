import type { ElementContent, Root, RootContent } from 'hast';
import { perBank, treesOf, type Finding, type Rule } from './rule.js';

/** What a chatbot says to the person who asked, which a reader of the answer should never see. */
const LEFTOVER = /\b(?:(?:Sure|Certainly|Of course)[,!.]?\s+here(?:['’]s| is)\b|Certainly! Here\b|As an AI(?: language model)?\b|I hope (?:this|that) helps\b)/gi;
/** A bank that says its answers were generated: "were generated using ChatGPT", "written by an AI". */
const DISCLOSURE = /\b(?:generated|written|produced)\s+(?:by|using|with)\s+(?:ChatGPT|GPT[-\s]?\d*|an?\s+(?:AI|LLM|chatbot|language model)|AI)\b/i;

interface TextHit {
  text: string;
  line: number;
  column: number;
}

/** Each match of `pattern` in the text nodes of a tree, at its own line and column where the node kept them. */
function matchesIn(tree: Root, pattern: RegExp, fallback: { line: number; column: number }): TextHit[] {
  const hits: TextHit[] = [];
  const walk = (nodes: readonly (RootContent | ElementContent)[]) => {
    for (const node of nodes) {
      if (node.type === 'element') walk(node.children);
      if (node.type !== 'text') continue;
      const start = node.position?.start;
      for (const match of node.value.matchAll(new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`))) {
        const before = node.value.slice(0, match.index);
        const lines = before.split('\n');
        const line = start ? start.line + lines.length - 1 : fallback.line;
        const column = start ? (lines.length > 1 ? lines.at(-1)!.length + 1 : start.column + before.length) : fallback.column;
        hits.push({ text: match[0], line, column });
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
    const trees = treesOf(bank);
    const leftovers = trees
      .filter((t) => t.answer)
      .flatMap(({ tree, at }) => matchesIn(tree, LEFTOVER, at).map((hit): Finding => ({ file: at.file, line: hit.line, column: hit.column, message: `"${hit.text}" is a chatbot's leftover in an answer.` })));
    const [disclosure] = matchesIn(bank.frontMatterTree, DISCLOSURE, { line: bank.titleLine, column: 1 });
    const note: Finding[] = disclosure
      ? [{ file: bank.file, line: disclosure.line, column: disclosure.column, severity: 'info', message: `The bank says its answers were ${disclosure.text}: check them against their sources.`, hint: 'Review the generated answers; cite a source for each.' }]
      : [];
    return [...note, ...leftovers];
  }),
};
