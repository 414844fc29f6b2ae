// Runs every rule over the book, with the severities of mlq.yaml.
import type { RuleSetting } from '../config.js';
import { sortDiagnostics, type Book, type Diagnostic } from '../model.js';
import { RULES } from './index.js';

export function validate(book: Book, settings: Record<string, RuleSetting> = {}): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const rule of RULES) {
    const severity = settings[rule.id] ?? rule.severity;
    if (severity === 'off') continue;
    for (const finding of rule.check(book)) {
      diagnostics.push({
        rule: rule.id,
        severity: finding.severity ?? severity,
        message: finding.message,
        hint: finding.hint ?? rule.hint,
        file: finding.file,
        line: finding.line,
        column: finding.column,
      });
    }
  }
  return sortDiagnostics(diagnostics);
}
