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
  cacheBytes: { value: 64 * 1024 * 1024, doc: 'bytes of the link cache file' },
  imageBytes: { value: 16 * 1024 * 1024, doc: 'bytes per embedded image file' },
  imagePixels: { value: 25_000_000, doc: 'pixels per embedded image (width x height read from its PNG or JPEG header)' },
  imagePixelsTotal: { value: 100_000_000, doc: 'pixels of all distinct images of a book' },
  lineChars: { value: 1_000_000, doc: 'characters per line of a bank' },
  nesting: { value: 100, doc: 'levels of nested quotes and lists' },
  wordChars: { value: 200, doc: 'characters per unbroken word or code line fed to the PDF before it is broken' },
  answerChars: { value: 200_000, doc: 'characters per answer (longer answers are cut, with a note)' },
  linksPerBank: { value: 20_000, doc: 'links per bank (a bank with more is refused)' },
  tableCells: { value: 100_000, doc: 'table cells per bank' },
  emphasisRun: { value: 1_000, doc: 'emphasis marks (* or _) in one paragraph' },
} as const satisfies Record<string, Limit>;

export type LimitName = keyof typeof LIMITS;
export const limit = (name: LimitName): number => LIMITS[name].value;
