// Regular expressions from mlq.yaml (links.skip, site.sponsored), that is from a contribution: a backtracking
// engine would let "(a+)+$" run for minutes on a short host. RE2's engine (re2js) matches in time linear in
// the text; it refuses what needs backtracking (backreferences, lookaround), which a URL filter does without.
// Linear is per pattern and per text: thousands of patterns on long URLs still add up, so each list has a
// budget of program size x characters matched (the limit patternWork), refused at its line of mlq.yaml.
import { RE2JS } from 're2js';
import { MlqError } from './errors.js';
import { limit } from './limits.js';

/** A compiled pattern, or throws an Error saying why it is not one (RE2 syntax). */
export const compilePattern = (pattern: string): RE2JS => RE2JS.compile(pattern);

/** A list of patterns, matched as a search (unanchored, as JavaScript's RegExp#test) against texts. */
export class PatternList {
  private readonly compiled: RE2JS[];
  /** RE2 instructions of all the patterns: what one character of text can cost. */
  private readonly size: number;
  private readonly seen = new Map<string, boolean>();
  /** Characters of the distinct texts matched so far. */
  private chars = 0;

  /** `where` names the list for a refusal: "mlq.yaml:12: links.skip". */
  constructor(patterns: readonly string[], private readonly where: string) {
    this.compiled = patterns.map((pattern) => {
      try {
        return compilePattern(pattern);
      } catch (error) {
        throw new MlqError(`${where}: "${pattern}" is not a regular expression: ${(error as Error).message}`);
      }
    });
    this.size = this.compiled.reduce((sum, re) => sum + re.programSize(), 0);
  }

  /** Whether any pattern matches the text; each distinct text is matched once. */
  matches(text: string): boolean {
    const known = this.seen.get(text);
    if (known !== undefined) return known;
    this.chars += text.length;
    if (this.size * this.chars > limit('patternWork')) {
      const count = (n: number) => n.toLocaleString('en-US');
      throw new MlqError(
        `${this.where}: ${count(this.compiled.length)} patterns (${count(this.size)} RE2 instructions) x ${count(this.chars)} characters to match exceed patternWork (${count(limit('patternWork'))}): use fewer or simpler patterns`,
      );
    }
    const found = this.compiled.some((re) => re.matcher(text).find());
    this.seen.set(text, found);
    return found;
  }
}
