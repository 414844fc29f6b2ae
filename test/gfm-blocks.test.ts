// mlq's Markdown parse against GitHub's own parser, cmark-gfm (Debian's package): for every real list of
// ../shared/lists/ and ../shared/corpus/, the blocks a question can stand in (headings with their depth,
// list items with their number, HTML blocks, code blocks, each at its line) are the same in both.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import type { Nodes, Parents } from 'mdast';
import { parseMarkdown } from '../src/read/markdown.js';
import { ROOT } from './support/book.js';

/** The real lists beside the clone (CI's layout); MLQ_SHARED names them elsewhere (a git worktree). */
const SHARED = process.env.MLQ_SHARED ?? path.resolve(ROOT, '../shared');
const FOLDERS = ['lists', 'corpus'].map((folder) => path.join(SHARED, folder));

function markdownFiles(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => path.join(folder, name));
}
const FILES = FOLDERS.flatMap(markdownFiles);

/** One block as both parsers see it: "12: heading 4", "30: item 7", "31: item -", "40: code", "52: html". */
type Block = string;

/**
 * The blocks of mlq's parse (the one the reader uses: pieces cut before headings, joined), and the lines of
 * its footnote definitions: GitHub reads footnotes, but the command line of Debian's cmark-gfm
 * (0.29.0.gfm.6) has no option to, so what a footnote holds is compared in neither.
 */
function mlqBlocks(text: string): { blocks: Block[]; footnoteLines: Set<number> } {
  const blocks: Block[] = [];
  const footnoteLines = new Set<number>();
  const walk = (node: Nodes, parent: Parents | null, index: number) => {
    const line = node.position?.start.line;
    if (node.type === 'footnoteDefinition') {
      for (let l = line!; l <= node.position!.end.line; l++) footnoteLines.add(l);
      return;
    }
    if (node.type === 'heading') blocks.push(`${line}: heading ${node.depth}`);
    else if (node.type === 'listItem' && parent?.type === 'list') blocks.push(`${line}: item ${parent.ordered ? (parent.start ?? 1) + index : '-'}`);
    else if (node.type === 'code') blocks.push(`${line}: code`);
    // Raw HTML in a paragraph or heading is inline; only a block's child is an HTML block.
    else if (node.type === 'html' && parent && ['root', 'listItem', 'blockquote'].includes(parent.type)) blocks.push(`${line}: html`);
    if ('children' in node) node.children.forEach((child, i) => walk(child, node, i));
  };
  walk(parseMarkdown(text), null, 0);
  return { blocks, footnoteLines };
}

/** The blocks cmark-gfm sees, with the extensions GitHub turns on, from its XML tree. */
function gfmBlocks(file: string): Block[] {
  const xml = execFileSync('cmark-gfm', ['--sourcepos', '-e', 'table', '-e', 'strikethrough', '-e', 'autolink', '-e', 'tasklist', '-t', 'xml', file], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const blocks: Block[] = [];
  /** Per open list: the number of its next item, or null for a bullet list. */
  const lists: (number | null)[] = [];
  const parser = new SaxesParser();
  parser.on('opentag', ({ name, attributes }) => {
    const line = Number(String(attributes.sourcepos ?? '').split(':')[0]);
    if (name === 'heading') blocks.push(`${line}: heading ${attributes.level}`);
    else if (name === 'list') lists.push(attributes.type === 'ordered' ? Number(attributes.start) : null);
    else if (name === 'item' || name === 'tasklist') {
      const next = lists.at(-1);
      blocks.push(`${line}: item ${next ?? '-'}`);
      if (next !== null && next !== undefined) lists[lists.length - 1] = next + 1;
    } else if (name === 'code_block') blocks.push(`${line}: code`);
    else if (name === 'html_block') blocks.push(`${line}: html`);
  });
  parser.on('closetag', ({ name }) => {
    if (name === 'list') lists.pop();
  });
  parser.write(xml).close();
  return blocks;
}

/** Where two block lists part, with a few blocks of each from there; null when they are the same. */
function firstDifference(mlq: Block[], gfm: Block[]): { at: number; mlq: Block[]; gfm: Block[] } | null {
  const at = mlq.findIndex((block, i) => block !== gfm[i]);
  const index = at === -1 ? (mlq.length === gfm.length ? -1 : mlq.length) : at;
  return index === -1 ? null : { at: index, mlq: mlq.slice(index, index + 5), gfm: gfm.slice(index, index + 5) };
}

describe('the Markdown parse, as GitHub parses it (cmark-gfm)', () => {
  it(`finds the real lists in ${SHARED}`, () => {
    // ../shared/lists holds 10 lists (122 files), ../shared/corpus the upstream READMEs.
    expect(markdownFiles(FOLDERS[0]!).length).toBeGreaterThanOrEqual(120);
    expect(markdownFiles(FOLDERS[1]!).length).toBeGreaterThanOrEqual(3);
  });

  it.each(FILES.map((file) => [path.relative(SHARED, file), file]))('sees the blocks of %s', (_name, file) => {
    const { blocks, footnoteLines } = mlqBlocks(readFileSync(file, 'utf8'));
    expect(blocks.length).toBeGreaterThan(0);
    const gfm = gfmBlocks(file).filter((block) => !footnoteLines.has(Number.parseInt(block)));
    expect(firstDifference(blocks, gfm)).toBeNull();
  });
});

// The patches of patches/ (applied by patch-package before every bundle, in `prebundle`: see package.json): the two places
// where micromark (remark's parser) read these lists otherwise than cmark-gfm, each case failing here without
// its patch, and one that spares micromark time quadratic in a long list (micromark-util-edit-map); the others
// (vitest's pool, Stryker's vitest runner) keep a worker for the next mutant's run (README, Mutation testing).
describe('micromark, as patched (patches/)', () => {
  const blocksOf = (text: string) => mlqBlocks(text).blocks;
  const patches = readdirSync(path.join(ROOT, 'patches')).filter((name) => name.endsWith('.patch'));

  it.each(patches)('has %s applied in node_modules', (patch) => {
    // A patch is applied when git can take it back; patch-package --error-on-fail fails the bundle (and so `npm test`) otherwise.
    expect(() => execFileSync('git', ['apply', '--check', '--reverse', path.join('patches', patch)], { cwd: ROOT, stdio: 'pipe' })).not.toThrow();
  });

  it('starts a list numbered other than 1 right after an indented code block (micromark/micromark#228)', () => {
    expect(blocksOf('    code\n\n2. ### Two\n3. ### Three\n')).toEqual(['1: code', '3: item 2', '3: heading 3', '4: item 3', '4: heading 3']);
  });

  it('keeps blank-separated lines of indented code right after a list it ended as one code block', () => {
    expect(blocksOf('1.   ### One\n\n    code\n\n    more\n\n2. ### Two\n')).toEqual(['1: item 1', '1: heading 3', '3: code', '7: item 2', '7: heading 3']);
  });
});
