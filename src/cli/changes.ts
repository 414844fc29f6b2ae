// mlq changes --since REF [--format markdown|json]: what changed in the questions since a git ref.
import { EXIT_OK, MlqError } from '../errors.js';
import { CHANGE_FORMATS, changesJson, changesMarkdown, changesOf, type ChangeFormat } from '../maintain/changes.js';
import { load } from '../pipeline.js';
import { markdownText, printable } from './terminal.js';
import type { Io, Values } from './options.js';

export async function changes(values: Values, io: Io): Promise<number> {
  const format = values.format ?? 'markdown';
  if (!(CHANGE_FORMATS as readonly string[]).includes(format)) throw new MlqError(`unknown format "${format}" (expected ${CHANGE_FORMATS.join(' or ')})`);
  if (!values.since) throw new MlqError('mlq changes needs --since GIT-REF (e.g. the previous release tag)');
  const { book } = await load({ configFile: values.config, sources: values.source, since: values.since });
  const found = changesOf(book);
  // Markdown for release notes and job summaries; on a terminal, the same lines without Markdown's escapes.
  io.stdout((format as ChangeFormat) === 'json' ? changesJson(found) : changesMarkdown(found, book.banks.length, io.stdoutIsTerminal ? printable : markdownText));
  return EXIT_OK;
}
