// What pages the site has: a hub, one page per topic section of each bank (a bank without sections is
// one page), and a 404 page. Topics come from the banks; nothing is hard-coded.
import path from 'node:path';
import type { TopicSetting } from '../../config.js';
import type { Bank, Book, Question } from '../../model.js';
import { slugify, uniqueIds } from '../../read/ids.js';

export interface TopicPage {
  /** The page's name in its address (site.topics' slug, or made from the section or bank); unique in the site, never "index" or "404". */
  slug: string;
  /** The topic's display name: site.topics' name, else the section's title (the bank's for a bank's own page). */
  title: string;
  /** site.topics' description, or ''. */
  description: string;
  /** The entry of site.topics that names the page, if any. */
  setting: TopicSetting | null;
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
const RESERVED = ['index', '404', 'assets', 'media', 'downloads'];
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

/**
 * The entry of site.topics that names a topic: by section title (in its bank, or the first bank that has it),
 * or by bank for the bank's questions outside any section. Each entry names one topic.
 */
function settingOf(settings: readonly TopicSetting[], used: Set<TopicSetting>, bank: Bank, section: string | null, namedAfterBank: boolean, configDir: string): TopicSetting | null {
  const file = path.relative(configDir, bank.file).split(path.sep).join('/');
  // An entry with a bank and no section names the bank's page: its questions outside any section, or its lone section.
  const found = settings.find((s) => !used.has(s) && (s.section ? s.section === section : namedAfterBank) && (!s.bank || s.bank === file));
  if (found) used.add(found);
  return found ?? null;
}

/** The topic pages in reading order: banks in book order, topics in the order they first appear. */
export function planTopics(book: Book, configDir: string, settings: readonly TopicSetting[] = []): TopicPage[] {
  const drafts: Omit<TopicPage, 'slug'>[] = [];
  const used = new Set<TopicSetting>();
  const bases: string[] = [];
  book.banks.forEach((bank, i) => {
    const groups = new Map<string | null, Question[]>();
    for (const q of bank.questions) {
      const group = groups.get(q.section);
      if (group) group.push(q);
      else groups.set(q.section, [q]);
    }
    for (const [section, questions] of groups) {
      const namedAfterBank = section === null || groups.size === 1;
      const setting = settingOf(settings, used, bank, section, namedAfterBank, configDir);
      // A bank's only topic is named after the bank: its lone section ("## Questions") names nothing.
      const title = setting?.name || (namedAfterBank ? bankTitle(bank, book) : section);
      // A section's id is already a slug, unique in its bank; the book makes it unique across banks.
      const id = section === null ? '' : (bank.sections.find((s) => s.title === section)?.id ?? '');
      bases.push(setting?.slug || id || bankSlug(bank, configDir) || slugify(title) || `bank-${i + 1}`);
      drafts.push({ title, description: setting?.description ?? '', setting, bank, bankNumber: i + 1, section, namedAfterBank, questions });
    }
  });
  // The slugs mlq.yaml gives are kept as written (config.ts makes them unique); the others go around them.
  const given = drafts.flatMap((draft) => (draft.setting?.slug ? [draft.setting.slug] : []));
  const made = uniqueIds([...RESERVED, ...given, ...bases.filter((_, i) => !drafts[i]!.setting?.slug)]).slice(RESERVED.length + given.length);
  let next = 0;
  return drafts.map((draft) => ({ ...draft, slug: draft.setting?.slug || made[next++]! }));
}
