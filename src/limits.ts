// The resource limits: what one contribution can make mlq spend. One table, documented in README.md
// ("Security"); each refusal is a diagnostic or a one-line error at the line that crosses it.
export interface Limit {
  value: number;
  /** What it bounds, and why, as the README's table says it. */
  doc: string;
}

export const LIMITS = {
  bankBytes: { value: 64 * 1024 * 1024, doc: 'bytes per bank (100x the corpus is about 4 MB)' },
  configBytes: { value: 1024 * 1024, doc: 'bytes of mlq.yaml' },
  patternWork: { value: 100_000_000, doc: 'RE2 instructions of a list of patterns of mlq.yaml (links.skip, site.sponsored) times the characters of the distinct URLs or hosts it is matched against' },
  cacheBytes: { value: 64 * 1024 * 1024, doc: 'bytes of the link cache file' },
  imageBytes: { value: 16 * 1024 * 1024, doc: 'bytes per embedded image file' },
  imagePixels: { value: 25_000_000, doc: 'pixels per embedded image (width x height read from its PNG or JPEG header)' },
  imagePixelsTotal: { value: 100_000_000, doc: 'pixels of all distinct images of a book' },
  lineChars: { value: 1_000_000, doc: 'characters per line of a bank' },
  nesting: { value: 100, doc: 'levels of nested quotes and lists' },
  elementNesting: { value: 256, doc: 'levels of nested elements in a title, an answer or a bank\'s front matter (HTML tags, emphasis, quotes and lists together), which the writers walk recursively' },
  wordChars: { value: 64, doc: 'characters of an unbroken word (or code) in the PDF between two places where a line may break (64 fit any line)' },
  answerChars: { value: 1_000_000, doc: 'characters from one heading to the next (an answer is parsed in one piece)' },
  linksPerBank: { value: 20_000, doc: 'links per bank (the corpus repeated 100 times has 13,500)' },
  tableCells: { value: 20_000, doc: 'cells per table' },
  emphasisRun: { value: 2_000, doc: 'emphasis marks (* or _) in one paragraph (matching them takes quadratic time)' },
} as const satisfies Record<string, Limit>;

export type LimitName = keyof typeof LIMITS;
export const limit = (name: LimitName): number => LIMITS[name].value;
