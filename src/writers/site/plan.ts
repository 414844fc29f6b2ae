// What pages the site has: a hub, one page per topic section of each bank (a bank without sections is
// one page), and a 404 page. Topics come from the banks; nothing is hard-coded.
import path from 'node:path';
import type { Bank, Book, Question } from '../../model.js';
import { slugify, uniqueIds } from '../../read/ids.js';

export interface TopicPage {
  /** The file name without ".html"; unique in the site and never "index" or "404". */
  slug: string;
  title: string;
  bank: Bank;
  /** 1-based, in book order: the hub's `#_bank-N` anchor. */
  bankNumber: number;
  /** The topic section, or null for a bank's questions outside any section. */
  section: string | null;
  /** Whether the page is named after its bank (no section, or the bank's only one), not after a section. */
  namedAfterBank: boolean;
  questions: Question[];
}

export const HUB_FILE = 'index.html';
export const NOT_FOUND_FILE = '404.html';
const RESERVED = ['index', '404'];

export const pageFile = (page: TopicPage): string => `${page.slug}.html`;
export const bankAnchor = (bankNumber: number): string => `_bank-${bankNumber}`;
export const bankTitle = (bank: Bank, book: Book): string => bank.title || book.meta.title;

/**
 * A bank's name in page addresses: its file's path from mlq.yaml ("NLP/README.md" -> "nlp", "extra.md" ->
 * "extra"), which stays put when the bank's title changes (titles often carry a question count).
 */
function bankSlug(bank: Bank, configDir: string): string {
  const parts = path.relative(configDir, bank.file).split(path.sep).filter((part) => part !== '..');
  const last = parts.pop()?.replace(/\.[^.]*$/, '') ?? '';
  if (!/^(?:readme|index)$/i.test(last)) parts.push(last);
  return slugify(parts.join('-'));
}

/** The topic pages in reading order: banks in book order, topics in the order they first appear. */
export function planTopics(book: Book, configDir: string): TopicPage[] {
  const drafts: Omit<TopicPage, 'slug'>[] = [];
  const bases: string[] = [];
  book.banks.forEach((bank, i) => {
    const groups = new Map<string | null, Question[]>();
    for (const q of bank.questions) {
      const group = groups.get(q.section);
      if (group) group.push(q);
      else groups.set(q.section, [q]);
    }
    for (const [section, questions] of groups) {
      // A bank's only topic is named after the bank: its lone section ("## Questions") names nothing.
      const namedAfterBank = section === null || groups.size === 1;
      const title = namedAfterBank ? bankTitle(bank, book) : section;
      // A section's id is already a slug, unique in its bank; the book makes it unique across banks.
      const id = section === null ? '' : (bank.sections.find((s) => s.title === section)?.id ?? '');
      bases.push(id || bankSlug(bank, configDir) || slugify(title) || `bank-${i + 1}`);
      drafts.push({ title, bank, bankNumber: i + 1, section, namedAfterBank, questions });
    }
  });
  const slugs = uniqueIds([...RESERVED, ...bases]).slice(RESERVED.length);
  return drafts.map((draft, i) => ({ ...draft, slug: slugs[i]! }));
}
