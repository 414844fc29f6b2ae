// The peers mlq is measured against, on the same Markdown: Pandoc's EPUB, and Pandoc's HTML printed to
// PDF by WeasyPrint. Each is timed as a fresh process, as mlq is; null when the tool is not installed.
import { spawnSync } from 'node:child_process';

const installed = new Map<string, boolean>();

function has(tool: string): boolean {
  if (!installed.has(tool)) installed.set(tool, spawnSync(tool, ['--version'], { stdio: 'ignore' }).status === 0);
  return installed.get(tool)!;
}

function run(tool: string, args: string[]): void {
  const result = spawnSync(tool, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed: ${result.stderr}`);
}

function timed(steps: () => void): number {
  const start = performance.now();
  steps();
  return (performance.now() - start) / 1000;
}

// A title keeps pandoc from warning about a missing one; it does not change the work it does. MathML for
// the banks' TeX, as mlq's EPUB has.
const PANDOC = ['--metadata', 'title=Benchmark', '--mathml'];

/** `pandoc -o book.epub banks...`. */
export function pandocEpubSeconds(markdownFiles: string[], outFile: string): number | null {
  return has('pandoc') ? timed(() => run('pandoc', [...PANDOC, '-o', outFile, ...markdownFiles])) : null;
}

/** `pandoc -s -o book.html banks... && weasyprint book.html book.pdf`: both steps, as a user would run them. */
export function weasyprintPdfSeconds(markdownFiles: string[], outFile: string): number | null {
  if (!has('pandoc') || !has('weasyprint')) return null;
  const html = `${outFile}.html`;
  return timed(() => {
    run('pandoc', [...PANDOC, '-s', '-o', html, ...markdownFiles]);
    run('weasyprint', ['--quiet', html, outFile]);
  });
}
