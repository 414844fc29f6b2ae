// Reporters: diagnostics -> text for people, GitHub workflow commands, or JSON and SARIF for tools.
import type { Diagnostic } from '../model.js';
import { foldRepeats } from './fold.js';
import { sarif } from './sarif.js';
import { stylerFor } from './style.js';
import { markdownText, printable, printableJson } from './terminal.js';
import { plural } from '../plural.js';
import { ANNOTATIONS_SHOWN, countsByRuleAndFile, SEVERITIES, type PullRequestView } from './pull-request.js';

export const REPORTERS = ['text', 'github', 'json', 'sarif'] as const;
export type ReporterName = (typeof REPORTERS)[number];

export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
  questions: number;
}

export function summarize(diagnostics: Diagnostic[], questions: number): Summary {
  const count = (severity: Diagnostic['severity']) => diagnostics.filter((d) => d.severity === severity).length;
  return { errors: count('error'), warnings: count('warning'), infos: count('info'), questions };
}

/** What a reporter knows besides the findings: whether its stream takes colour, and mlq's version. */
export interface ReportOptions {
  color: boolean;
  version: string;
}

/** A diagnostic with every field a bank can influence made printable. */
const shown = (d: Diagnostic): Diagnostic => ({
  ...d,
  file: printable(d.file),
  rule: printable(d.rule),
  message: printable(d.message),
  ...(d.hint !== undefined && { hint: printable(d.hint) }),
});

const PLAIN_OPTIONS: ReportOptions = { color: false, version: '' };

// One word table for every output, this report included.
export { plural };

/** Findings only with --quiet: errors, as ESLint's --quiet. */
export const errorsOnly = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.severity === 'error');

/** A finding repeated this often lists its first other lines and counts the rest (a 100x bank repeats one URL 1,500 times). */
const LINES_LISTED = 20;

const linesListed = (others: Diagnostic[]) =>
  others.length <= LINES_LISTED ? others.map((o) => o.line).join(', ') : `${others.slice(0, LINES_LISTED).map((o) => o.line).join(', ')} and ${others.length - LINES_LISTED} more`;

/** One line per finding; one finding repeated in a file is one line that lists its other lines. */
function text(diagnostics: Diagnostic[], summary: Summary, options: ReportOptions = PLAIN_OPTIONS): string {
  const style = stylerFor(options.color);
  const lines = foldRepeats(diagnostics.map(shown)).map(({ first: d, others }) => {
    const also = others.length ? style.place(` (also on ${others.length === 1 ? 'line' : 'lines'} ${linesListed(others)})`) : '';
    return `${style.place(`${d.file}:${d.line}:${d.column}`)} ${style.severity(d.severity, d.severity)} ${d.rule} ${d.message}${d.hint ? ` (hint: ${d.hint})` : ''}${also}`;
  });
  lines.push(
    `${plural(summary.questions, 'question')}: ${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${plural(summary.infos, 'info')}`,
  );
  return `${lines.join('\n')}\n`;
}

// Workflow-command escaping, as in @actions/core: data escapes % CR LF; properties also : and ,.
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

function github(diagnostics: Diagnostic[], summary: Summary): string {
  const lines = diagnostics.map(shown).map((d) => {
    // An input error may know no file, or no line (0): such properties are left out.
    const place = [d.file && `file=${escapeProperty(d.file)}`, d.line && `line=${d.line}`, d.column && `col=${d.column}`].filter(Boolean).join(',');
    const props = `${place ? `${place},` : ''}title=${escapeProperty(d.rule)}`;
    return `::${COMMAND[d.severity]} ${props}::${escapeData(d.hint ? `${d.message} Hint: ${d.hint}` : d.message)}`;
  });
  return `${[...lines, text([], summary).trimEnd()].join('\n')}\n`;
}

function json(diagnostics: Diagnostic[], summary: Summary): string {
  const rows = diagnostics.map(({ rule, severity, message, hint, file, line, column }) => ({ rule, severity, message, hint, file, line, column }));
  return printableJson({ diagnostics: rows, summary });
}

/** A job summary lists this many findings, and this many counts per rule and file, at most. */
const SUMMARY_ROWS = 100;
const COUNT_ROWS = 20;

const KIND = { error: 'errors', warning: 'warnings', info: 'notices' } as const;

/**
 * Markdown for a GitHub job summary (the file named by GITHUB_STEP_SUMMARY): the verdict of `mlq <command>`,
 * a table of the annotated errors and warnings (a note where GitHub shows fewer annotations than there are),
 * and the findings not annotated counted per rule and file.
 */
export function jobSummary(command: string, view: PullRequestView, summary: Summary): string {
  const verdict = summary.errors ? '❌' : '✅';
  const counts = `${plural(summary.questions, 'question')}: ${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${plural(summary.infos, 'info')}`;
  const lines = [`### ${verdict} mlq ${command}`, '', counts, ''];
  const hidden = SEVERITIES.map((severity) => [severity, view.annotated.filter((d) => d.severity === severity).length] as const).filter(
    ([, n]) => n > ANNOTATIONS_SHOWN,
  );
  if (hidden.length) {
    const which = hidden.map(([severity, n]) => `${n} ${KIND[severity]}`).join(', ');
    lines.push(`> [!NOTE]`, `> GitHub shows ${ANNOTATIONS_SHOWN} annotations of each kind on the pull request; this step made ${which}. All are listed below and in the log.`, '');
  }
  const shown = view.annotated.filter((d) => d.severity !== 'info');
  if (shown.length) {
    lines.push('| Severity | Rule | Where | Message |', '| --- | --- | --- | --- |');
    for (const d of shown.slice(0, SUMMARY_ROWS)) lines.push(`| ${d.severity} | ${d.rule} | ${markdownText(`${d.file}:${d.line}`)} | ${markdownText(d.message)} |`);
    if (shown.length > SUMMARY_ROWS) lines.push('', `and ${shown.length - SUMMARY_ROWS} more: see the annotations.`);
    lines.push('');
  }
  if (view.rest.length) {
    const rows = countsByRuleAndFile(view.rest);
    lines.push(`Not annotated (on lines this change did not touch): ${plural(view.rest.length, 'finding')}.`, '');
    lines.push('| Severity | Rule | File | Count |', '| --- | --- | --- | --- |');
    for (const row of rows.slice(0, COUNT_ROWS)) lines.push(`| ${row.severity} | ${row.rule} | ${markdownText(row.file)} | ${row.count} |`);
    if (rows.length > COUNT_ROWS) lines.push('', `and ${rows.length - COUNT_ROWS} more rows.`);
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

/** "file:12: message", "file: message" or "message": an input error (MlqError) as a diagnostic; 0 where unknown. */
export function inputErrorDiagnostic(message: string): Diagnostic {
  const placed = /^([^\s:][^\s]*?):(?:(\d+):)? (.*)$/s.exec(message);
  const [file, line, text] = placed ? [placed[1]!, Number(placed[2] ?? 0), placed[3]!] : ['', 0, message];
  return { rule: 'input-error', severity: 'error', message: text, hint: '', file, line, column: line ? 1 : 0 };
}

export const REPORT: Record<ReporterName, (diagnostics: Diagnostic[], summary: Summary, options?: ReportOptions) => string> = {
  text,
  github,
  json,
  sarif: (diagnostics, _summary, options = PLAIN_OPTIONS) => sarif(diagnostics, options.version),
};
