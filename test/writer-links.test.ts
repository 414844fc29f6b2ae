// The link filter every writer shares: which URLs become links, the site a label shows, and when a question
// gets the "no answer yet" note.
import { describe, expect, it } from 'vitest';
import type { Link } from '../src/model.js';
import { NO_ANSWER, domainOf, followable, linkTarget, needsNoAnswerNote, siteOf } from '../src/writers/links.js';
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
    expect(NO_ANSWER).toBe('No answer yet: contributions welcome.');
  });
});
