// src/patterns.ts: the regular expressions of mlq.yaml on RE2, with their budget. The commands that run them
// (site.sponsored, links.skip) are in hostile-patterns.test.ts.
import { describe, expect, it } from 'vitest';
import { MlqError } from '../src/errors.js';
import { limit } from '../src/limits.js';
import { compilePattern, PatternList } from '../src/patterns.js';

describe('PatternList', () => {
  it('matches as a search with RE2 syntax: (?i), anchors, no backtracking blow-up', () => {
    const list = new PatternList(['(?i)^AMZN\\.TO$', 'partner'], 'site.sponsored');
    expect(list.matches('amzn.to')).toBe(true);
    expect(list.matches('www.partner.example')).toBe(true);
    expect(list.matches('amzn.to.example')).toBe(false);
    expect(new PatternList(['^(a+)+$'], 'x').matches(`${'a'.repeat(5000)}b`)).toBe(false);
    expect(new PatternList([], 'x').matches('anything')).toBe(false);
  });

  it('refuses a pattern that is not RE2 with its place', () => {
    expect(() => new PatternList(['ok', '(?<=a)b'], 'mlq.yaml:3: links.skip')).toThrow(MlqError);
    expect(() => new PatternList(['ok', '(?<=a)b'], 'mlq.yaml:3: links.skip')).toThrow(/^mlq\.yaml:3: links\.skip: "\(\?<=a\)b" is not a regular expression: .+/);
    expect(() => compilePattern('(')).toThrow();
  });

  it('spends the budget once per distinct text, up to patternWork exactly', () => {
    // "a" compiles to 3 RE2 instructions, "ab" to 4: 7 per character.
    expect(compilePattern('a').programSize() + compilePattern('ab').programSize()).toBe(7);
    const list = new PatternList(['a', 'ab'], 'mlq.yaml:2: site.sponsored');
    const most = Math.floor(limit('patternWork') / 7);
    const text = 'b'.repeat(most - 1);
    for (let i = 0; i < 3; i++) expect(list.matches(text)).toBe(false);
    expect(list.matches('a')).toBe(true);
    expect(list.matches('a')).toBe(true);
    expect(() => list.matches('ab')).toThrow(
      new MlqError('mlq.yaml:2: site.sponsored: 2 patterns (7 RE2 instructions) x 14,285,716 characters to match exceed patternWork (100,000,000): use fewer or simpler patterns'),
    );
    // At the limit exactly, still matched.
    const exact = new PatternList(['ab', 'ab'], 'x');
    expect(exact.matches('c'.repeat(limit('patternWork') / 8))).toBe(false);
    expect(() => exact.matches('c')).toThrow(MlqError);
  });
});
