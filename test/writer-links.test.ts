// The link filter every writer shares: which URLs become links, the site a label shows, and when a question
// gets the "no answer yet" note.
import { describe, expect, it } from 'vitest';
import type { Link } from '../src/model.js';
import { decodeFragment, domainOf, followable, githubRepository, linkTarget, linkText, needsNoAnswerNote, resolvedTarget, siteOf, upstreamBase } from '../src/writers/shared/links.js';
import { WORDS } from '../src/writers/shared/words.js';
import { bookOf } from './support/book.js';

const link = (url: string): Link => ({ label: 'x', url, file: 'bank1.md', line: 1, column: 1 });

describe('linkTarget', () => {
  it.each([
    ['https://example.org/a', 'https://example.org/a'],
    ['http://example.org/a', 'http://example.org/a'],
    ['mailto:someone@example.org', 'mailto:someone@example.org'],
    ['HTTPS://Example.ORG/a b', 'https://example.org/a%20b'],
  ])('links %s as %s', (url, href) => {
    expect(linkTarget(url)).toBe(href);
  });

  // RFC 3986 allows unreserved characters, the delimiters and "%" escapes; the WHATWG serialization leaves
  // more than that as written.
  it.each([
    // GitHub's old math images: a backslash, braces and a caret in the query.
    ['https://latex.codecogs.com/gif.latex?\\frac{a}{b}^2', 'https://latex.codecogs.com/gif.latex?%5Cfrac%7Ba%7D%7Bb%7D%5E2'],
    ['https://example.org/a^b|c`d[e]', 'https://example.org/a%5Eb%7Cc%60d%5Be%5D'],
    ['https://example.org/#f[g]{h}', 'https://example.org/#f%5Bg%5D%7Bh%7D'],
    // A "%" that starts no escape is escaped itself; a valid escape, in either case, is kept.
    ['https://example.org/?a=%zz&b=%4a%4F%', 'https://example.org/?a=%25zz&b=%4a%4F%25'],
    ['https://example.org/%4g', 'https://example.org/%254g'],
    // What RFC 3986 allows stays as it is.
    ["https://u:p@example.org:8080/a-b_c.d~e/f:g@h!$&'()*+,;=?i=j/k?l#m/n?o", "https://u:p@example.org:8080/a-b_c.d~e/f:g@h!$&'()*+,;=?i=j/k?l#m/n?o"],
    // IPv6 brackets are the authority's; in the path they are escaped.
    ['http://[::1]:8/a[b]', 'http://[::1]:8/a%5Bb%5D'],
    ['http://[::1]', 'http://[::1]/'],
    // A mailto: URL has no authority: its whole path is escaped.
    ['mailto:a{b}@example.org', 'mailto:a%7Bb%7D@example.org'],
    ['mailto:[a]@example.org', 'mailto:%5Ba%5D@example.org'],
  ])('escapes %s as %s', (url, href) => {
    expect(linkTarget(url)).toBe(href);
  });

  it.each(['javascript:alert(1)', 'JavaScript:alert(1)', 'data:text/html,<b>x</b>', 'vbscript:x', 'file:///etc/passwd', 'ftp://example.org/', './answers.md', '/abs/path', 'not a url', ''])(
    'leaves %s as text',
    (url) => {
      expect(linkTarget(url)).toBeNull();
    },
  );
});

describe('siteOf and domainOf', () => {
  it.each([
    ['https://www.towardsdatascience.com/a', 'towardsdatascience.com'],
    ['http://example.org', 'example.org'],
    ['https://docs.www.example.org/', 'docs.www.example.org'],
    ['https://wwwx.example/', 'wwwx.example'],
    ['https://WWW.Example.org/', 'example.org'],
  ])('names the site of %s: %s', (url, site) => {
    expect(siteOf(url)).toBe(site);
    expect(domainOf(url)).toBe(site);
  });

  it.each(['mailto:someone@example.org', 'javascript:alert(1)', './answers.md', 'https://www./'])('has no site for %s, whose label is the URL itself', (url) => {
    expect(siteOf(url)).toBeNull();
    expect(domainOf(url)).toBe(url);
  });
});

describe('followable', () => {
  it('keeps the links a reader can follow, in order, with their normalized targets', () => {
    const links = ['https://a.example/x y', 'javascript:alert(1)', 'mailto:m@example.org', './local.md', 'http://b.example/'].map(link);
    expect(followable(links)).toEqual([
      { link: links[0], href: 'https://a.example/x%20y' },
      { link: links[2], href: 'mailto:m@example.org' },
      { link: links[4], href: 'http://b.example/' },
    ]);
    expect(followable([])).toEqual([]);
  });
});

describe('needsNoAnswerNote', () => {
  const unanswered = bookOf('#### 1) Q? [[src](https://s.example)]\n').banks[0]!.questions[0]!;
  const question = (hasAnswer: boolean, ...answerLinks: string[]) => ({ ...unanswered, hasAnswer, answerLinks: answerLinks.map(link) });

  it('is for a question with no answer and no answer link a reader can follow', () => {
    expect(unanswered).toMatchObject({ hasAnswer: false, answerLinks: [] });
    expect(needsNoAnswerNote(question(false))).toBe(true);
    expect(needsNoAnswerNote(question(false, 'javascript:alert(1)', './answer.md'))).toBe(true);
    expect(needsNoAnswerNote(question(false, './answer.md', 'https://a.example'))).toBe(false);
    expect(needsNoAnswerNote(question(true))).toBe(false);
    expect(needsNoAnswerNote(question(true, 'javascript:alert(1)'))).toBe(false);
  });

  it('has a note that says so', () => {
    expect(WORDS.noAnswer).toBe('No answer yet: contributions welcome.');
  });
});

describe('linkText', () => {
  const labelled = (label: string, url = 'https://www.example.org/a'): Link => ({ ...link(url), label });

  it.each(['src', 'Source', 'SOURCES', 'ref', 'Reference', 'answer', 'Answer', 'link', 'src1', 'src 2', 'Answer  12', '3', '', '   ', '  Answer  '])(
    'shows the site instead of the generic label %j',
    (label) => {
      expect(linkText(labelled(label))).toBe('example.org');
    },
  );

  it('shows the URL itself for a generic label of a link with no site', () => {
    expect(linkText(labelled('src', 'mailto:m@example.org'))).toBe('mailto:m@example.org');
  });

  it.each(['my src', 'src notes', 'srcs', 'answers', 'source 2b', 'src-2', '2 src', 'Deep Learning', '  Deep Learning  ', 'src\n2x'])('keeps the label %j, as written', (label) => {
    expect(linkText(labelled(label))).toBe(label);
  });
});

describe('decodeFragment', () => {
  it.each([
    ['q-12', 'q-12'],
    ['what%20is%20a%20CNN', 'what is a CNN'],
    ['%C3%A9t%C3%A9', '\u00e9t\u00e9'],
    ['', ''],
  ])('decodes %j as %j', (fragment, decoded) => {
    expect(decodeFragment(fragment)).toBe(decoded);
  });

  it.each(['%ZZ', '100%', '%E0%A4%A'])('keeps %j as written, since it is not valid percent-encoding', (fragment) => {
    expect(decodeFragment(fragment)).toBe(fragment);
  });
});

describe('githubRepository', () => {
  it.each([
    ['https://github.com/andrewekhalel/MLQuestions', 'andrewekhalel', 'MLQuestions'],
    ['http://github.com/owner/name', 'owner', 'name'],
    ['https://github.com/owner/name/', 'owner', 'name'],
    ['https://github.com/owner/name.js///', 'owner', 'name.js'],
    ['https://github.com/Owner-9/my_Repo-2.v3', 'Owner-9', 'my_Repo-2.v3'],
    ['https://github.com/a-b/.github', 'a-b', '.github'],
    ['https://github.com/x/y', 'x', 'y'],
  ])('reads %s as %s/%s', (upstream, owner, name) => {
    expect(githubRepository(upstream)).toEqual({ owner, name, url: `https://github.com/${owner}/${name}` });
  });

  it.each([
    'https://github.com/owner',
    'https://github.com/owner/',
    'https://github.com/owner//',
    'https://github.com//name',
    'https://github.com/owner/name/tree/main',
    'https://github.com/owner/name/x/',
    'https://gitlab.com/owner/name',
    'https://githubxcom/owner/name',
    'https://www.github.com/owner/name',
    'https://github.com.evil.example/owner/name',
    'see https://github.com/owner/name',
    'ftp://github.com/owner/name',
    'httpss://github.com/owner/name',
    'https:/github.com/owner/name',
    'github.com/owner/name',
    'git@github.com:owner/name.git',
    'https://github.com/own er/name',
    'https://github.com/owner/na me',
    'https://github.com/own_er/name',
    'https://github.com/own.er/name',
    'https://github.com/owner/name?tab=readme',
    'https://github.com/owner/name#readme',
    'https://github.com/owner/näme',
    'https://github.com/owner/..',
    'https://github.com/owner/./',
    'https://github.com/-/name',
    'https://github.com/-owner/name',
    'https://github.com/owner-/name',
    '',
  ])('is null for %j, which is no GitHub repository address', (upstream) => {
    expect(githubRepository(upstream)).toBeNull();
  });
});

describe('upstreamBase', () => {
  it.each([
    ['https://github.com/andrewekhalel/MLQuestions', 'https://github.com/andrewekhalel/MLQuestions/blob/HEAD/'],
    ['http://github.com/owner/name//', 'https://github.com/owner/name/blob/HEAD/'],
    ['https://example.org/banks', 'https://example.org/banks/'],
    ['http://example.org/a/b//', 'http://example.org/a/b/'],
    ['https://example.org/', 'https://example.org/'],
    ['https://github.com/owner/name/tree/main/', 'https://github.com/owner/name/tree/main/'],
  ])('resolves the relative links of %s against %s', (upstream, base) => {
    expect(upstreamBase(upstream)).toBe(base);
  });

  it.each(['git@github.com:owner/name.git', 'ftp://example.org/banks', 'example.org/banks', 'see https://example.org/', 'https:/example.org', 'httpss://example.org', ''])(
    'has none for %j, which is no web address',
    (upstream) => {
      expect(upstreamBase(upstream)).toBeNull();
    },
  );
});

describe('resolvedTarget', () => {
  const base = 'https://github.com/owner/name/blob/HEAD/';
  it.each([
    ['https://example.org/a{b}', base, 'https://example.org/a%7Bb%7D'],
    ['https://example.org/a', null, 'https://example.org/a'],
    ['docs/a b^.md', base, 'https://github.com/owner/name/blob/HEAD/docs/a%20b%5E.md'],
    // A colon after the first segment is no scheme.
    ['docs/a:b.md', base, 'https://github.com/owner/name/blob/HEAD/docs/a:b.md'],
    ['../x.md#part', base, 'https://github.com/owner/name/blob/x.md#part'],
    ['/x', 'https://example.org/banks/', 'https://example.org/x'],
  ])('leads %s (against %s) to %s', (href, from, target) => {
    expect(resolvedTarget(href, from)).toBe(target);
  });

  it.each([
    ['javascript:alert(1)', base],
    ['docs/a.md', null],
    // "//" names a host and gives none: no URL at all.
    ['//', base],
  ])('leaves %s (against %s) as text', (href, from) => {
    expect(resolvedTarget(href, from)).toBeNull();
  });
});
