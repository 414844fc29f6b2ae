// The peers mlq is measured against, on the same Markdown: Pandoc's EPUB, Pandoc's HTML printed to PDF by
// WeasyPrint, and Pandoc's own parse (its JSON AST) for the check. Each runs as a fresh process, as mlq does,
// measured as mlq is (measure.ts); null when the tool is not installed.
import { spawnSync } from 'node:child_process';
import { run, sum, type Measure } from './measure.js';

const installed = new Map<string, boolean>();

function has(tool: string): boolean {
  if (!installed.has(tool)) installed.set(tool, spawnSync(tool, ['--version'], { stdio: 'ignore' }).status === 0);
  return installed.get(tool)!;
}

// A title keeps pandoc from warning about a missing one; it does not change the work it does. MathML for
// the banks' TeX, as mlq's EPUB has.
const PANDOC = ['--metadata', 'title=Benchmark', '--mathml'];

/** `pandoc -o book.epub banks...`. */
export function pandocEpub(markdownFiles: string[], outFile: string): Measure | null {
  return has('pandoc') ? run('pandoc', [...PANDOC, '-o', outFile, ...markdownFiles]) : null;
}

/** `pandoc -t json -o book.json banks...`: Pandoc reading the banks into its AST, and writing it. */
export function pandocAst(markdownFiles: string[], outFile: string): Measure | null {
  return has('pandoc') ? run('pandoc', [...PANDOC, '-t', 'json', '-o', outFile, ...markdownFiles]) : null;
}

/** `pandoc -s -o book.html banks... && weasyprint book.html book.pdf`: both steps, as a user would run them. */
export function weasyprintPdf(markdownFiles: string[], outFile: string): Measure | null {
  if (!has('pandoc') || !has('weasyprint')) return null;
  const html = `${outFile}.html`;
  return sum(run('pandoc', [...PANDOC, '-s', '-o', html, ...markdownFiles]), run('weasyprint', ['--quiet', html, outFile]));
}
