// Every output format, by name, with the files it writes. `mlq build --formats`, `mlq --help` and the
// benchmark read this list. Writers are imported lazily: `mlq check` must not pay for loading pdfmake,
// sql.js or the EPUB packer.
import type { FormatName } from '../config.js';
import type { Writer } from './writer.js';

export interface FormatEntry {
  files: string[];
  load: () => Promise<Writer>;
  /** Takes the files the other formats of the build wrote (the site offers them as downloads): written after them. */
  usesOutputs?: true;
}

export const FORMATS: Record<FormatName, FormatEntry> = {
  json: { files: ['questions.json', 'questions.schema.json'], load: async () => (await import('./json/index.js')).jsonFormat },
  csv: { files: ['deck.csv'], load: async () => (await import('./anki/csv.js')).csvFormat },
  apkg: { files: ['deck.apkg'], load: async () => (await import('./anki/apkg.js')).apkgFormat },
  pdf: { files: ['guide.pdf'], load: async () => (await import('./pdf/index.js')).pdfFormat },
  epub: { files: ['guide.epub'], load: async () => (await import('./epub/index.js')).epubFormat },
  site: { files: ['site/'], load: async () => (await import('./site/index.js')).siteFormat, usesOutputs: true },
};
