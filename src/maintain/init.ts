// mlq init: in a list's repository, finds the Markdown files that hold questions and writes a commented
// mlq.yaml for them (book metadata from the titles and the git remote, the banks in order, the output folder).
import { readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { parseConfig } from '../config.js';
import { EXIT_INTERNAL, MlqError } from '../errors.js';
import { git, repositoryOf } from '../io/git.js';
import { remoteAddress } from '../io/repository.js';
import { titleWithoutLeadingCount, type Bank } from '../model.js';
import { parseBankParallel } from '../read/parse-parallel.js';
import { readSourceText } from '../read/source.js';

/** Fewer questions than this is a document with a numbered heading or two, not a bank. */
const MIN_QUESTIONS = 3;
/** A list's repository is small; a folder tree past this is not searched further. */
const MAX_FILES = 10_000;
/**
 * Folders of other tools (dependencies, builds, caches, virtual environments): their Markdown is not the
 * list's, tracked or not. Folders whose name starts with "." (.git, .github, .venv) are skipped too.
 */
const SKIPPED_FOLDERS = new Set(['node_modules', 'bower_components', 'jspm_packages', 'vendor', 'dist', 'lib', 'build', 'out', 'target', 'coverage', '_site', 'venv', 'site-packages', '__pycache__']);

/** Whether a file (relative, "/" separators) lies in a folder of another tool or a hidden one. */
export function inSkippedFolder(file: string): boolean {
  return file.split('/').slice(0, -1).some((folder) => folder.startsWith('.') || SKIPPED_FOLDERS.has(folder));
}

export interface FoundBank {
  /** Relative to the folder searched, with "/" separators. */
  file: string;
  bank: Bank;
}

/**
 * The Markdown files git tracks or would track (not those it ignores, tracked or not), or outside a
 * repository those in the folder tree; never in another tool's folder; in book order.
 */
async function markdownFiles(root: string): Promise<string[]> {
  const repository = await repositoryOf(root);
  const folder = await realpath(root);
  const list = (...args: string[]) =>
    repository ? git(repository, ['ls-files', '-z', ...args, '--exclude-standard', '--', '*.md', '*.markdown'], folder).then((out) => out.split('\0').filter(Boolean), () => null) : null;
  const tracked = await list('--cached', '--others');
  // A file committed before .gitignore named it is still one git ignores.
  const ignored = new Set((await list('--cached', '--ignored')) ?? []);
  const files = (tracked ?? (await walk(root))).filter((file) => !ignored.has(file) && !inSkippedFolder(file));
  // The root README first, then shallower files before deeper ones, then by name.
  const rank = (f: string) => [f.toLowerCase() === 'readme.md' ? 0 : 1, f.split('/').length, f] as const;
  return files.slice(0, MAX_FILES).sort((a, b) => {
    const [x, y] = [rank(a), rank(b)];
    return x[0] - y[0] || x[1] - y[1] || (x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0);
  });
}

/** Regular files only: symbolic links are not followed, hidden and build folders are skipped. */
async function walk(root: string): Promise<string[]> {
  const found: string[] = [];
  const pending = [''];
  while (pending.length && found.length < MAX_FILES) {
    const folder = pending.shift()!;
    const entries = await readdir(path.join(root, folder), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const relative = folder ? `${folder}/${entry.name}` : entry.name;
      if (entry.isDirectory() && !inSkippedFolder(`${relative}/`)) pending.push(relative);
      else if (entry.isFile() && /\.(?:md|markdown)$/i.test(entry.name)) found.push(relative);
    }
  }
  return found;
}

export async function findBanks(root: string): Promise<FoundBank[]> {
  const found: FoundBank[] = [];
  for (const file of await markdownFiles(root)) {
    // A file mlq cannot read (binary, too large, not UTF-8) is not a bank.
    const text = await readSourceText(path.join(root, file)).catch(() => null);
    if (!text) continue;
    const bank = await parseBankParallel({ file, text: text.text }).catch(() => null);
    if (bank && bank.questions.length >= MIN_QUESTIONS) found.push({ file, bank });
  }
  return found;
}

/** The repository's web address from its git remote, without credentials; "" when there is none. */
export async function upstreamOf(root: string): Promise<string> {
  return remoteAddress(await repositoryOf(root));
}

/** A YAML string that says exactly the text (JSON's double-quoted strings are YAML). */
const yamlString = (text: string) => JSON.stringify(text.replace(/\s+/g, ' ').trim());

/**
 * The book's title: the banks' own where they agree; else the repository's README's (its title names the
 * list); else the repository's name ("data-science-interviews" -> "Data Science Interviews").
 */
export function bookTitle(banks: FoundBank[], upstream: string, root: string): string {
  const titles = [...new Set(banks.map(({ bank }) => titleWithoutLeadingCount(bank)).filter(Boolean))];
  if (titles.length === 1) return titles[0]!;
  const readme = banks.find(({ file }) => file.toLowerCase() === 'readme.md');
  if (readme && titleWithoutLeadingCount(readme.bank)) return titleWithoutLeadingCount(readme.bank);
  const name = /\/([^/]+)$/.exec(upstream)?.[1] ?? path.basename(root);
  return name.replace(/[-_]+/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase()).trim();
}

/** The text of mlq.yaml, with a comment on each part. */
export function configText(banks: FoundBank[], upstream: string, title: string): string {
  const first = banks[0]!.bank;
  const owner = /^https:\/\/[^/]+\/([^/]+)\//.exec(`${upstream}/`)?.[1];
  const lines = [
    '# mlq configuration, written by `mlq init`: paths are relative to this file. See `mlq --help`.',
    'book:',
    '  # Shown on the cover of the PDF and the EPUB, and as the Anki deck name unless deck.name is set.',
    `  title: ${yamlString(title || 'Interview Questions')}`,
    '  authors:',
    `    - ${yamlString(owner ? `${owner} and contributors` : 'The contributors')}`,
    '  language: en',
    '  # The list the book is made from: printed in every output, with the attribution.',
    ...(upstream ? [] : ['  # No git remote "origin" was found: write the list\'s web address here, e.g. https://github.com/OWNER/REPO']),
    `  upstream: ${yamlString(upstream)}`,
    ...(first.description ? [`  description: ${yamlString(first.description)}`] : []),
    '',
    'output:',
    '  # Built by `mlq build`; replaced whole on every build, so keep nothing else in it.',
    '  dir: dist',
    '',
    '# Severity per rule id: error, warning, info or off (see `mlq --help` for the rules), e.g.',
    '# rules:',
    '#   insecure-link: info',
    '',
    '# The banks that make the book, in order: each becomes a part of the book and a subdeck.',
    'sources:',
    '# How each was read is detected; where detection cannot know, uncomment and set it (see mlq check --explain).',
    ...banks.flatMap(({ file, bank }) => [
      `  - file: ${yamlString(file)} # ${bank.questions.length} questions`,
      `    # layout: ${bank.layout}`,
      ...(bank.questionDepth >= 2 && bank.questionDepth <= 6 ? [`    # depth: ${bank.questionDepth}`] : []),
      `    # numbering: ${bank.numbering}`,
    ]),
    '',
  ];
  const text = lines.join('\n');
  // What mlq writes, mlq must read: a slip here is a bug, not the user's problem.
  try {
    parseConfig(text, 'mlq.yaml');
  } catch (error) {
    throw new MlqError(`mlq init wrote an invalid mlq.yaml: ${(error as Error).message} (please report it)`, EXIT_INTERNAL);
  }
  return text;
}
