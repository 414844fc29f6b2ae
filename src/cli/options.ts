// The command line's options and what every command receives: the types the commands share, apart from
// main.ts, which dispatches to them.
import type { parseArgs, ParseArgsConfig } from 'node:util';

export const OPTIONS = {
  source: { type: 'string', multiple: true },
  config: { type: 'string' },
  out: { type: 'string' },
  formats: { type: 'string' },
  reporter: { type: 'string' },
  'allow-errors': { type: 'boolean' },
  'site-url': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  verbose: { type: 'boolean' },
  explain: { type: 'boolean' },
  since: { type: 'string' },
  annotate: { type: 'string' },
  'annotate-severity': { type: 'string' },
  cache: { type: 'string' },
  'no-cache': { type: 'boolean' },
  'allow-private': { type: 'boolean' },
  check: { type: 'boolean' },
  format: { type: 'string' },
  workflow: { type: 'boolean' },
  port: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} satisfies ParseArgsConfig['options'];

/** The commands, in the order usage names them, and the options each takes besides --help and --version. */
const COMMON = ['source', 'config', 'quiet', 'help', 'version'];
export const COMMAND_OPTIONS: Record<string, string[]> = {
  build: [...COMMON, 'out', 'formats', 'allow-errors', 'site-url', 'verbose'],
  check: [...COMMON, 'reporter', 'explain', 'since', 'annotate', 'annotate-severity'],
  links: [...COMMON, 'reporter', 'since', 'cache', 'no-cache', 'allow-private'],
  fix: [...COMMON, 'check', 'since'],
  changes: [...COMMON, 'since', 'format'],
  init: ['config', 'workflow', 'help', 'version'],
  serve: ['source', 'config', 'port', 'help', 'version'],
};

export type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Progress lines are for people at a terminal; CI logs stay quiet. */
  progress: boolean;
  /** Whether stdout is a terminal, where Markdown is shown as written, not rendered. */
  stdoutIsTerminal?: boolean;
  /** Whether each stream takes colour (see style.ts). */
  color: { stdout: boolean; stderr: boolean };
  /** Appends Markdown to the GitHub job summary; null outside GitHub Actions. */
  jobSummary: ((markdown: string) => void) | null;
}
