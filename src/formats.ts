// Every output format, by name. `mlq build --formats` and the benchmark read this list.
// Writers are imported lazily: `mlq check` must not pay for loading pdfmake, sql.js or the EPUB packer.
import type { FormatName } from './config.js';
import type { Format } from './format.js';

export const FORMATS: Record<FormatName, (() => Promise<Format>) | undefined> = {
  json: async () => (await import('./writers/json.js')).jsonFormat,
  csv: async () => (await import('./writers/csv.js')).csvFormat,
  apkg: async () => (await import('./writers/apkg.js')).apkgFormat,
  pdf: async () => (await import('./writers/pdf.js')).pdfFormat,
  epub: async () => (await import('./writers/epub.js')).epubFormat,
};
