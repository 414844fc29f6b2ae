// Colour on a terminal: errors red, warnings yellow, places dim; none in pipes, in CI, or with NO_COLOR.
import { styleText } from 'node:util';
import type { Severity } from '../model.js';

/**
 * Whether text written to `stream` may carry colour, by the conventions of no-color.org and
 * force-color.org: NO_COLOR (set and not empty) turns it off, FORCE_COLOR (other than 0 or false) on;
 * otherwise colour goes only to a terminal, and not in CI, whose logs are read as plain text.
 */
export function colorFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  if (env.CI || env.TERM === 'dumb') return false;
  return Boolean(stream.isTTY);
}

export interface Styler {
  severity(severity: Severity, text: string): string;
  place(text: string): string;
}

const SEVERITY_COLOR = { error: 'red', warning: 'yellow', info: 'cyan' } as const;

// The decision is ours (colorFor): newer Node versions would otherwise test process.stdout themselves.
const paint = (format: Parameters<typeof styleText>[0], text: string) => styleText(format, text, { validateStream: false });

export const PLAIN: Styler = { severity: (_, text) => text, place: (text) => text };
export const COLORED: Styler = {
  severity: (severity, text) => paint(SEVERITY_COLOR[severity], text),
  place: (text) => paint('dim', text),
};

export const stylerFor = (color: boolean): Styler => (color ? COLORED : PLAIN);
