// SARIF 2.1.0 (OASIS), the format GitHub code scanning and editors' SARIF viewers read.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from '../model.js';
import { RULE_DOCS } from './rule-docs.js';
import { printableJson } from './terminal.js';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/** A file as a URI reference: relative paths stay relative (to the repository root where mlq runs). */
function fileUri(file: string): string {
  if (path.isAbsolute(file)) return pathToFileURL(file).href;
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}

export function sarif(diagnostics: readonly Diagnostic[], version: string): string {
  const index = new Map(RULE_DOCS.map((rule, i) => [rule.id, i]));
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'mlq',
            version,
            rules: RULE_DOCS.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.description },
              fullDescription: { text: rule.description },
              help: { text: rule.hint },
              defaultConfiguration: { level: LEVEL[rule.severity] },
            })),
          },
        },
        results: diagnostics.map((d) => ({
          ruleId: d.rule,
          ...(index.has(d.rule) ? { ruleIndex: index.get(d.rule) } : {}),
          level: LEVEL[d.severity],
          message: { text: d.hint ? `${d.message} Hint: ${d.hint}` : d.message },
          // An input error may have no file, or no line (0): its location says only what is known.
          locations: d.file
            ? [
                {
                  physicalLocation: {
                    artifactLocation: { uri: fileUri(d.file) },
                    ...(d.line > 0 ? { region: { startLine: d.line, ...(d.column > 0 ? { startColumn: d.column } : {}) } } : {}),
                  },
                },
              ]
            : [],
        })),
      },
    ],
  };
  return printableJson(log);
}
