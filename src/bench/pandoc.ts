// Pandoc's own EPUB of the same Markdown: the comparison row for mlq's EPUB stage.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Wall seconds of `pandoc -o outFile markdownFiles...` (its MathML for the math), or null when pandoc is not installed. */
export async function pandocEpubSeconds(markdownFiles: string[], outFile: string): Promise<number | null> {
  const installed = await run('pandoc', ['--version']).then(
    () => true,
    () => false,
  );
  if (!installed) return null;
  const start = performance.now();
  // A title keeps pandoc from warning about a missing one; it does not change the work it does.
  await run('pandoc', ['--metadata', 'title=Benchmark', '--mathml', '-o', outFile, ...markdownFiles], { maxBuffer: 16 * 1024 * 1024 });
  return (performance.now() - start) / 1000;
}
