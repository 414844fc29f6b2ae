// Deterministic larger banks for the benchmark: the corpus repeated, renumbered, one section per copy.
import { parseMarkdown } from '../read/markdown.js';

/** The bank text repeated `times` times; question titles get the copy number so ids stay distinct. */
export function multiplyBank(text: string, times: number): string {
  if (times === 1) return text;
  const lines = text.split('\n');
  const root = parseMarkdown(text);
  const headings = root.children.filter((n) => n.type === 'heading' && (n.depth === 3 || n.depth === 4) && /^\s*\d+\s*[.)]/.test(lines[n.position!.start.line - 1]!.replace(/^#+\s*/, '')));
  const first = headings[0]!.position!.start.line - 1;
  const end = root.children.find((n) => n.type === 'heading' && n.depth <= 2 && n.position!.start.line > first)?.position!.start.line ?? lines.length + 1;
  const body = lines.slice(first, end - 1);
  const perCopy = headings.length;
  const out = [`# ${perCopy * times} Interview Questions (benchmark bank)`, ''];
  for (let copy = 1; copy <= times; copy++) {
    out.push(`## Part ${copy}`, '');
    let index = 0;
    for (const line of body) {
      const match = /^(#{3,4})\s*(\d+)\s*[.)]\s*(.*)$/.exec(line);
      if (match) {
        index++;
        const title = match[3]!;
        const sources = title.search(/\s*\[\[/);
        const marked = sources === -1 ? `${title.trimEnd()} (part ${copy})` : `${title.slice(0, sources)} (part ${copy})${title.slice(sources)}`;
        out.push(`#### ${(copy - 1) * perCopy + index}) ${marked}`);
      } else out.push(line);
    }
  }
  return `${out.join('\n')}\n`;
}
