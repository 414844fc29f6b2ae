// mlq.yaml: book metadata, deck, output, rule severities, link checking and the list of banks.
import path from 'node:path';
import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Node } from 'yaml';
import { MlqError } from './errors.js';
import { readInput } from './io/files.js';
import { limit } from './limits.js';
import { compilePattern } from './patterns.js';
import type { Severity } from './model.js';
import { LINK_RULES } from './links/verdict.js';
import { RULES } from './rules/index.js';
import { githubRepository, linkTarget } from './writers/shared/links.js';
import { LAYOUT_IDS, NUMBERINGS, type ReadOptions } from './read/layouts/index.js';

const RULE_IDS = new Set([...RULES.map((rule) => rule.id), ...Object.keys(LINK_RULES)]);

export type RuleSetting = Severity | 'off';
/** In the order they are written: the site (last) offers the downloads the others made in the same build. */
export const FORMAT_NAMES = ['json', 'csv', 'apkg', 'pdf', 'epub', 'site'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];
export const isFormatName = (name: string): name is FormatName => (FORMAT_NAMES as readonly string[]).includes(name);
export const PAGE_SIZES = ['A4', 'LETTER'] as const;
/** What the Anki deck does with a question that has no answer of its own: a suspended card, or none. */
export const UNANSWERED_CARDS = ['suspend', 'omit'] as const;
/** Where the site's pages live: `topic.html`, or `topic/index.html` served as `topic/`. */
export const URL_STYLES = ['files', 'directory'] as const;
/** Settings that take one of a few words, written in any case. */
const CHOICES = { pageSize: PAGE_SIZES, unanswered: UNANSWERED_CARDS, urls: URL_STYLES } as const;
/** The forms of an answer questions.json can hold (output.jsonAnswers): HTML to show, plain text, Markdown as written. */
export const ANSWER_FORMS = ['html', 'text', 'markdown'] as const;
export type AnswerForm = (typeof ANSWER_FORMS)[number];

export interface Config {
  /** Folder of the config file: relative paths in it are relative to this. */
  dir: string;
  book: {
    title: string;
    subtitle: string;
    authors: string[];
    language: string;
    license: string;
    upstream: string;
    description: string;
    subjects: string[];
  };
  deck: { name: string; unanswered: (typeof UNANSWERED_CARDS)[number] };
  output: { dir: string; formats: FormatName[]; pageSize: (typeof PAGE_SIZES)[number]; jsonAnswers: AnswerForm[] };
  /** guide.pdf: a bank of more questions than this lists only its topics (with their counts) in the contents. */
  pdf: { contentsMaxQuestions: number };
  rules: Record<string, RuleSetting>;
  links: { skip: string[] };
  site: {
    /** The site's address, for canonical URLs and the sitemap; '' means the GitHub Pages address of the repository that holds the banks. */
    url: string;
    /** Page addresses: `topic.html`, or `topic/` (the folder's index.html). */
    urls: (typeof URL_STYLES)[number];
    /** The GitHub repository that holds the banks (edit links); '' means the git remote's. */
    repository: string;
    /** The branch that edit links open; '' means the one git has checked out. */
    branch: string;
    /** Per topic page: its address, display name and description. */
    topics: TopicSetting[];
    /** Host patterns of referral and affiliate links, which get rel="sponsored nofollow". */
    sponsored: string[];
  };
  /** Markdown banks, in book order, relative to `dir`. */
  sources: string[];
  /** Where each of `sources` is listed ("source/mlq.yaml:34"), for errors; empty for the built-in default. */
  sourcePlaces: string[];
  /** How to read a bank, by its name in `sources` (`{file, layout, numbering, depth}`); detected where absent. */
  sourceOptions: Record<string, ReadOptions>;
  /** Where each list of patterns is ("mlq.yaml:12: links.skip"), for a refusal when it runs; its key alone when not in mlq.yaml. */
  patternPlaces: { 'links.skip': string; 'site.sponsored': string };
}

/** A topic page as mlq.yaml names it (site.topics): a `##` section of a bank, or a bank's questions outside any section. */
export interface TopicSetting {
  /** The bank (as in `sources`); '' for the first bank with the section. */
  bank: string;
  /** The section's title as written; '' for the bank's questions outside any section. */
  section: string;
  slug: string;
  name: string;
  description: string;
  /** "mlq.yaml:40", for a warning when it names no topic. */
  place: string;
}

/** A page's name in its address: one path segment, nothing a file system or a URL reads specially. */
const SLUG = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;
/** Names the site's own files and folders take. */
const RESERVED_SLUGS = ['index', '404', 'assets', 'media', 'downloads'];
const TOPIC_KEYS = ['bank', 'section', 'slug', 'name', 'description'];

export const DEFAULT_CONFIG: Config = {
  dir: '.',
  book: {
    title: '',
    subtitle: '',
    authors: [],
    language: 'en',
    license: '',
    upstream: '',
    description: 'A collection of interview questions with answers.',
    subjects: [],
  },
  deck: { name: '', unanswered: 'suspend' },
  output: { dir: 'dist', formats: [...FORMAT_NAMES], pageSize: 'A4', jsonAnswers: ['html', 'markdown'] },
  pdf: { contentsMaxQuestions: 150 },
  rules: {},
  links: { skip: [] },
  site: { url: '', urls: 'files', repository: '', branch: '', topics: [], sponsored: ['^amzn\\.to$', '(^|\\.)amazon\\.[a-z.]+$', '(^|\\.)tryexponent\\.com$'] },
  sources: ['README.md'],
  sourcePlaces: [],
  sourceOptions: {},
  patternPlaces: { 'links.skip': 'links.skip', 'site.sponsored': 'site.sponsored' },
};

/** 'files' and 'formats' are lists that must not be empty; 'strings' and 'patterns' may be. */
type Shape = 'string' | 'url' | 'repository' | 'topics' | 'language' | 'strings' | 'files' | 'sources' | 'patterns' | 'rules' | 'formats' | 'answerForms' | keyof typeof CHOICES | 'siteUrl' | 'count' | { [key: string]: Shape };

const SHAPE: Shape = {
  book: {
    title: 'string',
    subtitle: 'string',
    authors: 'strings',
    language: 'language',
    license: 'string',
    upstream: 'url',
    description: 'string',
    subjects: 'strings',
  },
  deck: { name: 'string', unanswered: 'unanswered' },
  output: { dir: 'string', formats: 'formats', pageSize: 'pageSize', jsonAnswers: 'answerForms' },
  pdf: { contentsMaxQuestions: 'count' },
  rules: 'rules',
  links: { skip: 'patterns' },
  site: { url: 'siteUrl', urls: 'urls', repository: 'repository', branch: 'string', topics: 'topics', sponsored: 'patterns' },
  sources: 'sources',
};

/** What a source given as a mapping may say besides its file. */
const SOURCE_KEYS = ['file', 'layout', 'numbering', 'depth'];

export async function loadConfig(file: string): Promise<Config> {
  const bytes = await readInput(file, 'cannot read config', { maxBytes: limit('configBytes') });
  return parseConfig(new TextDecoder().decode(bytes), file);
}

export function parseConfig(text: string, file: string): Config {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const lineOf = (node: Node | null | undefined) => (node?.range ? lines.linePos(node.range[0]).line : 1);
  const first = doc.errors[0];
  if (first) {
    // Without prettyErrors the error has no linePos: its offset is turned into a line here.
    const line = lines.linePos(first.pos[0]).line;
    throw new MlqError(`${file}:${line}: invalid YAML: ${first.message.split('\n')[0]}`);
  }
  const sourceLines: number[] = [];
  const patternPlaces = { ...DEFAULT_CONFIG.patternPlaces };
  const fail = (node: Node | null | undefined, key: string, problem: string): never => {
    throw new MlqError(`${file}:${lineOf(node)}: ${key}: ${problem}`);
  };

  const read = (node: Node | null | undefined, shape: Shape, key: string): unknown => {
    if (typeof shape === 'object') {
      if (!isMap(node)) return fail(node, key, 'expected a mapping');
      // Own keys only: `toString` or `__proto__` in mlq.yaml is an unknown key, not Object.prototype's.
      const out: Record<string, unknown> = Object.create(null);
      for (const pair of node.items) {
        const name = isScalar(pair.key) ? String(pair.key.value) : '';
        const sub = Object.hasOwn(shape, name) ? shape[name] : undefined;
        const full = key ? `${key}.${name}` : name;
        if (!sub) return fail(pair.key as Node, full, `unknown key (expected one of: ${Object.keys(shape).join(', ')})`);
        out[name] = read(pair.value as Node, sub, full);
      }
      return out;
    }
    if (shape === 'string' || shape === 'url') {
      if (!isScalar(node) || typeof node.value !== 'string') return fail(node, key, 'expected a string');
      // The writers link it: it passes the same filter as every URL of a bank.
      if (shape === 'url' && node.value !== '' && !linkTarget(node.value)?.startsWith('http')) return fail(node, key, 'expected an http(s) URL');
      return node.value;
    }
    if (shape === 'language') {
      // The EPUB's dc:language and every output's lang attribute: a BCP 47 tag, or the e-book fails its check.
      const value = isScalar(node) && typeof node.value === 'string' ? node.value : '';
      try {
        return Intl.getCanonicalLocales(value)[0];
      } catch {
        return fail(node, key, 'expected a BCP 47 language tag, such as en, pt-BR or zh-Hant');
      }
    }
    if (shape === 'rules') {
      if (!isMap(node)) return fail(node, key, 'expected a mapping of rule id to error, warning, info or off');
      const out: Record<string, RuleSetting> = Object.create(null);
      for (const pair of node.items) {
        const name = isScalar(pair.key) ? String(pair.key.value) : '';
        if (!RULE_IDS.has(name)) return fail(pair.key as Node, `${key}.${name}`, 'unknown rule (see mlq --help for the rules)');
        const value = isScalar(pair.value) ? pair.value.value : undefined;
        if (value !== 'error' && value !== 'warning' && value !== 'info' && value !== 'off') {
          return fail(pair.value as Node, `${key}.${name}`, 'expected error, warning, info or off');
        }
        out[name] = value;
      }
      return out;
    }
    if (shape === 'siteUrl') {
      const value = isScalar(node) && typeof node.value === 'string' ? node.value : '';
      const problem = value === '' ? null : siteUrlProblem(value);
      return problem ? fail(node, key, problem) : value && normalizeSiteUrl(value);
    }
    if (shape === 'sources') {
      // A file name, or {file, layout, numbering, depth}.
      const items = isSeq(node) ? node.items : [node];
      if (items.length === 0) return fail(node, key, 'expected at least one entry');
      return items.map((item, i) => {
        const at = `${key}[${i}]`;
        sourceLines.push(lineOf(item as Node));
        if (isScalar(item) && typeof item.value === 'string') return { file: item.value };
        if (!isMap(item)) return fail(item as Node, at, 'expected a file name or a mapping with "file"');
        const out: Record<string, unknown> = {};
        for (const pair of item.items) {
          const name = isScalar(pair.key) ? String(pair.key.value) : '';
          const value = isScalar(pair.value) ? pair.value.value : undefined;
          if (!SOURCE_KEYS.includes(name)) return fail(pair.key as Node, `${at}.${name}`, `unknown key (expected one of: ${SOURCE_KEYS.join(', ')})`);
          const allowed = name === 'layout' ? LAYOUT_IDS : name === 'numbering' ? NUMBERINGS : null;
          if (name === 'file' && typeof value !== 'string') return fail(pair.value as Node, `${at}.file`, 'expected a string');
          if (allowed && !(allowed as readonly unknown[]).includes(value)) return fail(pair.value as Node, `${at}.${name}`, `expected one of ${allowed.join(', ')}`);
          if (name === 'depth' && !(typeof value === 'number' && Number.isInteger(value) && value >= 2 && value <= 6)) return fail(pair.value as Node, `${at}.depth`, 'expected a heading depth from 2 to 6');
          out[name] = value;
        }
        if (typeof out.file !== 'string') return fail(item as Node, at, 'expected "file"');
        return out;
      });
    }
    if (shape === 'repository') {
      const value = isScalar(node) && typeof node.value === 'string' ? node.value : null;
      const repo = value === null ? null : githubRepository(value.replace(/\.git$/, ''));
      return repo ? repo.url : fail(node, key, 'expected a GitHub repository\'s address, https://github.com/OWNER/NAME');
    }
    if (shape === 'topics') return readTopics(node, key);
    if (shape === 'pageSize' || shape === 'unanswered' || shape === 'urls') {
      const written = isScalar(node) ? String(node.value).toLowerCase() : '';
      const choice = CHOICES[shape].find((word) => word.toLowerCase() === written);
      return choice ?? fail(node, key, `expected one of ${CHOICES[shape].join(', ')}`);
    }
    if (shape === 'count') {
      const value = isScalar(node) ? node.value : undefined;
      if (!(typeof value === 'number' && Number.isInteger(value) && value >= 0)) return fail(node, key, 'expected a whole number, 0 or more');
      return value;
    }
    // The lists of strings (a single string is accepted as a list of one).
    const items = isSeq(node) ? node.items : [node];
    if (items.length === 0 && (shape === 'files' || shape === 'formats' || shape === 'answerForms')) return fail(node, key, 'expected at least one entry');
    if (shape === 'patterns') patternPlaces[key as keyof typeof patternPlaces] = `${file}:${lineOf(node)}: ${key}`;
    return items.map((item, i) => {
      if (!isScalar(item) || typeof item.value !== 'string') return fail(item as Node, `${key}[${i}]`, 'expected a string');
      if (shape === 'patterns') {
        try {
          compilePattern(item.value);
        } catch (error) {
          return fail(item as Node, `${key}[${i}]`, `not a regular expression: ${(error as Error).message}`);
        }
      }
      if (shape === 'answerForms' && !(ANSWER_FORMS as readonly string[]).includes(item.value)) {
        return fail(item as Node, `${key}[${i}]`, `unknown answer form "${item.value}" (expected one of ${ANSWER_FORMS.join(', ')})`);
      }
      if (shape === 'formats' && !isFormatName(item.value)) {
        return fail(item as Node, `${key}[${i}]`, `unknown format "${item.value}" (expected one of ${FORMAT_NAMES.join(', ')})`);
      }
      return item.value;
    });
  };

  /** site.topics: a list of {bank, section, slug, name, description}, each slug once. */
  const readTopics = (node: Node | null | undefined, key: string): TopicSetting[] => {
    if (!isSeq(node)) return fail(node, key, 'expected a list of topics ({section, bank, slug, name, description})');
    const slugs = new Map<string, string>();
    return node.items.map((item, i) => {
      const at = `${key}[${i}]`;
      if (!isMap(item)) return fail(item as Node, at, 'expected a mapping with "section" or "bank"');
      const out: TopicSetting = { bank: '', section: '', slug: '', name: '', description: '', place: `${file}:${lineOf(item as Node)}` };
      for (const pair of item.items) {
        const name = isScalar(pair.key) ? String(pair.key.value) : '';
        if (!TOPIC_KEYS.includes(name)) return fail(pair.key as Node, `${at}.${name}`, `unknown key (expected one of: ${TOPIC_KEYS.join(', ')})`);
        const value = isScalar(pair.value) && typeof pair.value.value === 'string' ? pair.value.value.trim() : null;
        if (!value) return fail((pair.value ?? pair.key) as Node, `${at}.${name}`, 'expected a string that is not empty');
        if (name === 'slug') {
          if (!SLUG.test(value)) return fail(pair.value as Node, `${at}.slug`, `expected one path segment of letters, digits, - and _ (up to 100), not "${value}"`);
          if (RESERVED_SLUGS.includes(value.toLowerCase())) return fail(pair.value as Node, `${at}.slug`, `"${value}" is the name of the site's own ${value === 'index' || value === '404' ? 'page' : 'folder'}`);
          const before = slugs.get(value.toLowerCase());
          if (before) return fail(pair.value as Node, `${at}.slug`, `"${value}" is already the slug of ${before}`);
          slugs.set(value.toLowerCase(), at);
        }
        out[name as Exclude<keyof TopicSetting, 'place'>] = value;
      }
      if (!out.bank && !out.section) return fail(item as Node, at, 'expected "section" (a topic\'s title), "bank" (a file of sources), or both');
      return out;
    });
  };

  const given = (doc.contents === null ? {} : read(doc.contents as Node, SHAPE, '')) as Partial<Omit<Config, 'sources'>> & { sources?: ({ file: string } & ReadOptions)[] };
  return {
    dir: path.dirname(file),
    book: { ...DEFAULT_CONFIG.book, ...given.book },
    deck: { ...DEFAULT_CONFIG.deck, ...given.deck },
    output: { ...DEFAULT_CONFIG.output, ...given.output },
    pdf: { ...DEFAULT_CONFIG.pdf, ...given.pdf },
    rules: { ...given.rules },
    links: { ...DEFAULT_CONFIG.links, ...given.links },
    site: { ...DEFAULT_CONFIG.site, ...given.site },
    sources: given.sources?.map((s) => s.file) ?? DEFAULT_CONFIG.sources,
    sourceOptions: Object.fromEntries((given.sources ?? []).map(({ file, ...options }) => [file, options])),
    sourcePlaces: given.sources ? sourceLines.map((line) => `${file}:${line}`) : [],
    patternPlaces,
  };
}

/** Why a site address cannot serve as the base of canonical URLs, or null when it can. */
function siteUrlProblem(url: string): string | null {
  const parsed = URL.canParse(url) ? new URL(url) : null;
  if (!parsed || parsed.protocol !== 'https:' || !parsed.hostname) return `expected an absolute https:// address, not "${url}"`;
  if (parsed.search || parsed.hash || parsed.username || parsed.password) return `expected an address with no query, fragment or user, not "${url}"`;
  return null;
}

/** The address with a trailing slash: the base that page names are resolved against. */
const normalizeSiteUrl = (url: string): string => new URL(url).href.replace(/\/?$/, '/');

/** `--site-url`: the same checks as site.url in mlq.yaml. */
export function siteUrlOption(url: string): string {
  const problem = siteUrlProblem(url);
  if (problem) throw new MlqError(`--site-url: ${problem}`);
  return normalizeSiteUrl(url);
}
