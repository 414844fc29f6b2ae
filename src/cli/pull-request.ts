// A pull request's view of the findings: GitHub shows only a few annotations of each kind per step, so
// the ones a contributor must see come first: the findings on the lines the pull request added or changed,
// and the errors it causes elsewhere (a duplicate number below its edit). The rest are counted in the job
// summary. Pure: from the findings, the changed lines and the findings at the base, to two lists.
import { compareText, type Diagnostic, type Severity } from '../model.js';
import type { ChangedLines } from '../links/since.js';

/** Which findings become annotations: those the pull request touches (changed), or every one (all). */
export const ANNOTATE_MODES = ['changed', 'all'] as const;
export type AnnotateMode = (typeof ANNOTATE_MODES)[number];

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/**
 * GitHub shows at most 10 annotations of each kind (error, warning, notice) for a step; the rest are
 * dropped from the pull request's files view.
 */
export const ANNOTATIONS_SHOWN = 10;

export interface PullRequestView {
  /** Annotated, errors before warnings before notices, each kind in reading order. */
  annotated: Diagnostic[];
  /** Not annotated: counted in the job summary. */
  rest: Diagnostic[];
}

export interface ViewOptions {
  mode: AnnotateMode;
  severities: readonly Severity[];
  /** The lines the pull request added or changed (mode changed). */
  changed?: ChangedLines;
  /** The findings on the banks as they were at the pull request's base (mode changed). */
  before?: Diagnostic[];
}

/** Severity first (errors first), then the order the findings came in (reading order). */
export function bySeverity(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) => SEVERITIES.indexOf(a.d.severity) - SEVERITIES.indexOf(b.d.severity) || a.i - b.i)
    .map(({ d }) => d);
}

/**
 * A finding as it is compared across versions: its rule, file and message with the line numbers it quotes
 * left out (an edit above a finding moves the line it names, not the finding).
 */
const sameFinding = (d: Diagnostic) => `${d.rule}\u0000${d.file}\u0000${d.message.replace(/\b(lines?) \d+(?:(?:, | and )\d+)*/g, '$1 #')}`;

/**
 * The errors of `now` that the base did not have (by rule, file and message), beyond as many as it had of
 * each: those the pull request caused, wherever they stand.
 */
export function newErrors(now: Diagnostic[], before: Diagnostic[]): Set<Diagnostic> {
  const had = new Map<string, number>();
  for (const d of before) if (d.severity === 'error') had.set(sameFinding(d), (had.get(sameFinding(d)) ?? 0) + 1);
  const caused = new Set<Diagnostic>();
  for (const d of now) {
    if (d.severity !== 'error') continue;
    const left = had.get(sameFinding(d)) ?? 0;
    if (left > 0) had.set(sameFinding(d), left - 1);
    else caused.add(d);
  }
  return caused;
}

export function pullRequestView(diagnostics: Diagnostic[], options: ViewOptions): PullRequestView {
  const caused = options.mode === 'changed' ? newErrors(diagnostics, options.before ?? []) : new Set<Diagnostic>();
  const touched = (d: Diagnostic) => {
    if (options.mode === 'all') return true;
    const lines = options.changed?.get(d.file);
    return lines === 'all' || lines?.has(d.line) === true || caused.has(d);
  };
  const annotated = diagnostics.filter((d) => options.severities.includes(d.severity) && touched(d));
  return { annotated: bySeverity(annotated), rest: diagnostics.filter((d) => !annotated.includes(d)) };
}

/** Findings counted per rule and file, most first, for the job summary. */
export function countsByRuleAndFile(diagnostics: Diagnostic[]): { severity: Severity; rule: string; file: string; count: number }[] {
  const counts = new Map<string, { severity: Severity; rule: string; file: string; count: number }>();
  for (const d of diagnostics) {
    const key = `${d.severity}\u0000${d.rule}\u0000${d.file}`;
    const row = counts.get(key) ?? { severity: d.severity, rule: d.rule, file: d.file, count: 0 };
    row.count += 1;
    counts.set(key, row);
  }
  return [...counts.values()].sort(
    (a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || b.count - a.count || compareText(a.rule, b.rule) || compareText(a.file, b.file),
  );
}

/** Which severities are shown: a comma-separated list from the command line or the action. */
export function severitiesOf(list: string): Severity[] | null {
  const names = list.split(',').map((s) => s.trim()).filter(Boolean).map((s) => (s === 'notice' ? 'info' : s));
  return names.length > 0 && names.every((n) => (SEVERITIES as readonly string[]).includes(n)) ? [...new Set(names as Severity[])] : null;
}
