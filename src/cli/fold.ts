// The same finding on many lines (one insecure URL cited fourteen times) is one line of the text report.
import type { Diagnostic } from '../model.js';

export interface Folded {
  /** The first place of the finding, in reading order. */
  first: Diagnostic;
  /** The other places with the same rule, severity, message and hint in the same file. */
  others: Diagnostic[];
}

export function foldRepeats(diagnostics: readonly Diagnostic[]): Folded[] {
  const groups = new Map<string, Folded>();
  for (const d of diagnostics) {
    const key = JSON.stringify([d.file, d.rule, d.severity, d.message, d.hint]);
    const group = groups.get(key);
    if (group) group.others.push(d);
    else groups.set(key, { first: d, others: [] });
  }
  return [...groups.values()];
}
