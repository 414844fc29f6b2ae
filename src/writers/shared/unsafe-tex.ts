// The TeX commands no formula of a bank may use. KaTeX (the site, the EPUB) renders them inert, but Anki's own
// MathJax, which typesets the cards, turns them into what a card must not hold: a `javascript:` link (\href,
// \url), CSS that lays an invisible link over the whole card (\style, \bbox), classes, ids and data
// attributes of the reviewer's page (\class, \cssId, \data, KaTeX's \html...), a fetched image
// (\includegraphics) or a loaded extension (\require). The math-syntax rule refuses them; the Anki writer never
// writes them.

/** The refused commands, by name (without the backslash). */
export const UNSAFE_TEX_COMMANDS: ReadonlySet<string> = new Set([
  'href',
  'url',
  'style',
  'class',
  'cssId',
  'data',
  'bbox',
  'htmlClass',
  'htmlId',
  'htmlStyle',
  'htmlData',
  'includegraphics',
  'unicode',
  'require',
  'mmlToken',
]);

/**
 * The first refused command of a formula and its offset in the TeX, or null. TeX reads a control word as a
 * backslash and the letters after it, and nothing (no macro, no comment) joins two into one: each is checked
 * as it is written. `\\href` is a line break followed by the letters "href".
 */
export function unsafeTexCommand(tex: string): { command: string; offset: number } | null {
  for (const token of tex.matchAll(/\\([a-zA-Z]+|[^])/g)) {
    if (UNSAFE_TEX_COMMANDS.has(token[1]!)) return { command: `\\${token[1]}`, offset: token.index };
  }
  return null;
}
