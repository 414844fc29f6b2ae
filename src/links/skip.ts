// links.skip patterns come from mlq.yaml, that is from a contribution: a backtracking engine would let
// "(a+)+$" run for minutes on a short URL. RE2's engine (re2js) matches in time linear in the URL; it
// refuses what needs backtracking (backreferences, lookaround), which a URL filter does without.
import { RE2JS } from 're2js';

export interface SkipPattern {
  test(url: string): boolean;
}

/** A compiled pattern, or throws an Error saying why it is not one (RE2 syntax). */
export function compileSkip(pattern: string): SkipPattern {
  const re = RE2JS.compile(pattern);
  return { test: (url) => re.matcher(url).find() };
}
