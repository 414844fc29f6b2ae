// The command line: argument parsing and exit codes; the work is in pipeline.ts.
import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FORMAT_NAMES, isFormatName, siteUrlOption, type Config, type FormatName } from '../config.js';
import { describeFsError, EXIT_INPUT, EXIT_INTERNAL, EXIT_OK, EXIT_VALIDATION, MlqError } from '../errors.js';
import { FORMATS } from '../writers/index.js';
import { allQuestions, type Book, type Diagnostic } from '../model.js';
import { refuseUnsafeOutput, writeOutputs } from '../io/output.js';
import { emit, load } from '../pipeline.js';
import { shownPath } from '../io/paths.js';
import { errorsOnly, inputErrorDiagnostic, jobSummary, plural, REPORT, REPORTERS, summarize, type ReporterName } from './report.js';
import { printable } from './terminal.js';
import { RULE_DOCS } from './rule-docs.js';
import { formatSize } from './size.js';
import { colorFor } from './style.js';
import { SHORT_USAGE, unknownCommand, usageError } from './usage.js';
import { explainBook } from './explain.js';
import { COMMAND_OPTIONS, OPTIONS, type Io, type Values } from './options.js';
import { ANNOTATE_MODES, pullRequestView, SEVERITIES, severitiesOf, type PullRequestView } from './pull-request.js';
import { changedLines } from '../links/since.js';
import { validate } from '../rules/validate.js';

const VERSION: string = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;

const HELP = `mlq ${VERSION}: interview-question banks in Markdown -> validated model, JSON, Anki deck, PDF, EPUB, web site

Usage:
  mlq build [--source FILE]... [--config FILE] [--out DIR] [--formats LIST] [--allow-errors] [--site-url URL] [--quiet] [--verbose]
  mlq check [--source FILE]... [--config FILE] [--reporter text|github|json|sarif] [--quiet] [--explain] [--since GIT-REF]
            [--annotate changed|all] [--annotate-severity LIST]
  mlq links [--source FILE]... [--config FILE] [--reporter text|github|json|sarif] [--quiet] [--since GIT-REF]
            [--cache FILE] [--no-cache] [--allow-private]
  mlq fix [--source FILE]... [--config FILE] [--check] [--since GIT-REF]
  mlq changes --since GIT-REF [--source FILE]... [--config FILE] [--format markdown|json]
  mlq init [--config FILE] [--workflow]   find the banks of this folder, write mlq.yaml (or FILE) for them
  mlq serve [--source FILE]... [--config FILE] [--port N]   the site on http://127.0.0.1:N/ (default 8000),
            rebuilt and reloaded when a bank or mlq.yaml changes
  mlq --help | --version

Options:
  --source FILE     a Markdown bank (repeatable); replaces the config's "sources"
  --config FILE     mlq.yaml (default: source/mlq.yaml, then ./mlq.yaml, else built-in defaults)
  --out DIR         output folder (default: output.dir of the config, "dist")
  --formats LIST    comma-separated (default: output.formats, all of them):
${FORMAT_NAMES.map((name) => `                      ${name.padEnd(5)} ${FORMATS[name].files.join(', ')}`).join('\n')}
  --allow-errors    publish even when validation finds errors
  --site-url URL    the site's https address, for canonical URLs and the sitemap (default: site.url)
  --reporter NAME   text (default), github (workflow commands), json or sarif (SARIF 2.1.0, for code scanning)
  --quiet, -q       report errors only, no warnings or infos
  --verbose         build: list every file written (the site's too, instead of one line for site/)
  --explain         check: say per bank which layout, heading depth and numbering were read, and why
  --since GIT-REF   links: check only the links on lines added or changed since GIT-REF;
                    check, fix: compare with the banks at GIT-REF (id-changed, question-removed);
                    changes: list the questions added, removed, reworded or re-answered since GIT-REF
  --annotate MODE   check --reporter github: annotate the findings on lines changed since --since and the
                    errors the change causes elsewhere (changed, the default with --since), or all of them
                    (all); the rest are counted in the job summary
  --annotate-severity LIST
                    check --reporter github: the severities to annotate (default: error,warning,info)
  --port N          serve: the port on 127.0.0.1 (default 8000; 0: any free port)
  --workflow        init: also write .github/workflows/mlq.yml (checks, annotations, Pages, weekly links)
  --format NAME     changes: markdown (default: release notes, a job summary) or json
  --check           fix: change nothing, print the fixes as a unified diff, exit 1 if there are any
  --cache FILE      links: the results cache (default: $XDG_CACHE_HOME/mlq/link-cache.json, else ~/.cache/mlq/...)
  --no-cache        links: neither read nor write the cache
  --allow-private   links: allow loopback, private and link-local addresses (for tests)

Exit codes: 0 ok (warnings allowed), 1 validation errors (fix --check: something to fix), 2 usage or input error, 3 internal error.

Rules (severity can be changed under "rules:" in mlq.yaml; "fix" marks those mlq fix can fix):
${RULE_DOCS.map((r) => `  ${r.id.padEnd(27)} ${r.severity.padEnd(8)} ${r.fixable ? 'fix ' : '    '}${r.description}`).join('\n')}
`;

const summaryFile = process.env.GITHUB_STEP_SUMMARY;

/** The job summary is a courtesy: failing to write it does not change the verdict. */
function appendJobSummary(file: string, markdown: string): void {
  try {
    appendFileSync(file, markdown);
  } catch (error) {
    process.stderr.write(`mlq: warning: cannot write the job summary ${file}: ${describeFsError(error)}\n`);
  }
}

/** Whether stdout or stderr failed other than by its reader closing it: the report reached no one. */
let unwritten = false;

/**
 * A reader that stops early (`mlq check | head`) closes the pipe: the rest of the report has nowhere to go,
 * and the exit code still gives the verdict. Any other failure to write (a full disk) is said on stderr,
 * once, and makes the exit code 2.
 */
function quietWhenClosed(stream: NodeJS.WriteStream): NodeJS.WriteStream {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED' || unwritten) return;
    unwritten = true;
    if (stream !== process.stderr) process.stderr.write(`mlq: cannot write the report: ${describeFsError(error)}\n`);
  });
  return stream;
}

const stdout = quietWhenClosed(process.stdout);
const stderr = quietWhenClosed(process.stderr);

const processIo: Io = {
  stdout: (text) => stdout.write(text),
  stderr: (text) => stderr.write(text),
  progress: Boolean(process.stderr.isTTY) && !process.env.CI,
  stdoutIsTerminal: Boolean(process.stdout.isTTY),
  color: { stdout: colorFor(process.stdout), stderr: colorFor(process.stderr) },
  jobSummary: summaryFile ? (markdown) => appendJobSummary(summaryFile, markdown) : null,
};

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const code = await reported(argv, io);
  // A stream reports a failed write on a later turn of the event loop.
  await new Promise((resolve) => setImmediate(resolve));
  return unwritten ? EXIT_INPUT : code;
}

/** Runs a command; an error is reported as one line (and as a diagnostic by a machine reporter). */
async function reported(argv: string[], io: Io): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof MlqError) {
      io.stderr(`mlq: ${printable(error.message)}\n`);
      const reporter = reporterIn(argv);
      if (reporter !== 'text') {
        const diagnostic = inputErrorDiagnostic(error.message);
        io.stdout(REPORT[reporter]([diagnostic], summarize([diagnostic], 0), { color: false, version: VERSION }));
      }
      return error.exitCode;
    }
    io.stderr(`mlq: internal error: ${printable(error instanceof Error ? error.message : String(error))} (please report it)\n`);
    if (process.env.MLQ_DEBUG) io.stderr(`${(error as Error).stack}\n`);
    return EXIT_INTERNAL;
  }
}

async function run(argv: string[], io: Io): Promise<number> {
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageError(error);
  }
  const { values, positionals } = parsed;
  if (values.version) {
    io.stdout(`${VERSION}\n`);
    return EXIT_OK;
  }
  const [command, ...extra] = positionals;
  if (values.help || command === 'help') {
    io.stdout(HELP);
    return EXIT_OK;
  }
  if (!command) {
    io.stderr(SHORT_USAGE);
    return EXIT_INPUT;
  }
  if (extra.length) throw new MlqError(`unexpected argument "${extra[0]}" (use --source FILE for banks)`);
  const allowed = COMMAND_OPTIONS[command];
  const misplaced = allowed && Object.keys(values).find((name) => !allowed.includes(name));
  if (misplaced) throw new MlqError(`option --${misplaced} does not apply to "mlq ${command}" (see mlq --help)`);
  if (command === 'check') return check(values, io);
  if (command === 'build') return build(values, io);
  if (command === 'links') return links(values, io);
  if (command === 'fix') return (await import('./fix.js')).fix(values, io);
  if (command === 'changes') return (await import('./changes.js')).changes(values, io);
  if (command === 'init') return (await import('./init.js')).init(values, io);
  if (command === 'serve') return (await import('./serve.js')).serve(values, io);
  throw unknownCommand(command);
}

/** The reporter an input error is reported in: --reporter json, github or sarif of check and links, else text. */
function reporterIn(argv: string[]): ReporterName {
  const at = argv.findIndex((a) => a === '--reporter' || a.startsWith('--reporter='));
  const name = at === -1 ? 'text' : argv[at]!.includes('=') ? argv[at]!.split('=')[1] : argv[at + 1];
  const command = argv.find((a) => !a.startsWith('-'));
  return (command === 'check' || command === 'links') && (name === 'json' || name === 'github' || name === 'sarif') ? name : 'text';
}

function reporterOf(values: Values): ReporterName {
  const name = values.reporter ?? 'text';
  if (!(REPORTERS as readonly string[]).includes(name)) throw new MlqError(`unknown reporter "${name}" (expected ${REPORTERS.join(', ')})`);
  return name as ReporterName;
}

async function check(values: Values, io: Io): Promise<number> {
  const reporter = reporterOf(values);
  const { config, book } = await load({ configFile: values.config, sources: values.source, since: values.since });
  const diagnostics = validate(book, config.rules);
  // On stderr for json and github, whose stdout is for tools.
  if (values.explain) (reporter === 'text' ? io.stdout : io.stderr)(explainBook(book));
  const shown = values.quiet ? errorsOnly(diagnostics) : diagnostics;
  const view = reporter === 'github' ? await annotationsOf(values, book, config, shown) : undefined;
  report('check', reporter, shown, allQuestions(book).length, io, view);
  return hasErrors(diagnostics) ? EXIT_VALIDATION : EXIT_OK;
}

/**
 * Which findings the github reporter annotates: with --since, those on the lines changed since the ref and
 * the errors the change causes elsewhere (--annotate changed, the default there); else all of them.
 */
async function annotationsOf(values: Values, book: Book, config: Config, diagnostics: Diagnostic[]): Promise<PullRequestView> {
  const mode = values.annotate ?? (values.since ? 'changed' : 'all');
  if (!(ANNOTATE_MODES as readonly string[]).includes(mode)) throw new MlqError(`unknown --annotate "${mode}" (expected ${ANNOTATE_MODES.join(' or ')})`);
  const severities = values['annotate-severity'] === undefined ? SEVERITIES : severitiesOf(values['annotate-severity']);
  if (!severities) throw new MlqError(`--annotate-severity takes a list of ${SEVERITIES.join(', ')}, not "${values['annotate-severity']}"`);
  if (mode === 'all' || !values.since) {
    if (mode === 'changed') throw new MlqError('--annotate changed needs --since GIT-REF (the base of the pull request)');
    return pullRequestView(diagnostics, { mode: 'all', severities });
  }
  const changed = await changedLines(values.since, book.banks.map((bank) => bank.file));
  const before = validate({ meta: book.meta, banks: book.previous?.banks ?? [] }, config.rules);
  return pullRequestView(diagnostics, { mode: 'changed', severities, changed, before });
}

/**
 * Prints the report; with the github reporter in GitHub Actions, adds the verdict to the job summary too.
 * A pull request's view annotates some findings and counts the rest in the summary.
 */
function report(command: string, reporter: ReporterName, diagnostics: Diagnostic[], questions: number, io: Io, view?: PullRequestView): void {
  const summary = summarize(diagnostics, questions);
  io.stdout(REPORT[reporter](view?.annotated ?? diagnostics, summary, { color: io.color.stdout, version: VERSION }));
  if (reporter === 'github') io.jobSummary?.(jobSummary(command, view ?? { annotated: diagnostics, rest: [] }, summary));
}

const hasErrors = (diagnostics: Diagnostic[]) => diagnostics.some((d) => d.severity === 'error');

function formatsOf(list: string): FormatName[] {
  const names = list.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.find((n) => !isFormatName(n));
  if (unknown || names.length === 0) throw new MlqError(`unknown format "${unknown ?? list}" (expected a list of ${FORMAT_NAMES.join(', ')})`);
  return [...new Set(names as FormatName[])];
}

async function build(values: Values, io: Io): Promise<number> {
  const requested = values.formats === undefined ? undefined : formatsOf(values.formats);
  const siteUrl = values['site-url'] === undefined ? undefined : siteUrlOption(values['site-url']);
  const start = performance.now();
  const writes = (configured: Config) => requested ?? configured.output.formats;
  const { config, book, writers } = await load({ configFile: values.config, sources: values.source, dated: true, writes });
  if (siteUrl) config.site.url = siteUrl;
  if (io.progress) io.stderr(`mlq: read ${plural(allQuestions(book).length, 'question')} in ${((performance.now() - start) / 1000).toFixed(1)} s\n`);
  const diagnostics = validate(book, config.rules);
  const summary = summarize(diagnostics, allQuestions(book).length);
  const shown = values.quiet ? errorsOnly(diagnostics) : diagnostics;
  // The same findings as `mlq check`, on stderr: stdout lists the files written.
  if (shown.length) io.stderr(REPORT.text(shown, summarize(shown, summary.questions), { color: io.color.stderr, version: VERSION }));
  if (hasErrors(diagnostics) && !values['allow-errors']) {
    io.stderr(`mlq: not publishing: validation found ${summary.errors} error(s) (fix them, or build with --allow-errors)\n`);
    return EXIT_VALIDATION;
  }
  const formats = requested ?? config.output.formats;
  const outDir = values.out ?? path.resolve(config.dir, config.output.dir);
  await refuseUnsafeOutput(outDir, [config.dir, ...book.banks.map((bank) => bank.file)]);
  const outputs = await emit(book, config, formats, (name, seconds) => {
    if (io.progress) io.stderr(`mlq: ${name} done in ${seconds.toFixed(1)} s\n`);
  }, writers);
  const files = outputs.flatMap((o) => o.files);
  // Formats built from the same notes (deck.csv, deck.apkg) may report the same thing: say it once.
  for (const warning of new Set(outputs.flatMap((o) => o.warnings))) io.stderr(`mlq: warning: ${printable(warning)}\n`);
  await writeOutputs(outDir, files);
  io.stdout(writtenList(shownPath(outDir) || '.', files, values.verbose === true));
  return EXIT_OK;
}

/**
 * What a build wrote, a line per output; the site's files (dozens of pages, scripts and fonts) as one line,
 * `dist/site/ 47 files, 1.30 MB`, unless verbose.
 */
function writtenList(folder: string, files: readonly { path: string; bytes: Uint8Array }[], verbose: boolean): string {
  const line = (name: string, bytes: number) => `${path.join(folder, name)} (${formatSize(bytes)})`;
  const site = files.filter((f) => f.path.startsWith('site/'));
  const listed = verbose || site.length < 2 ? files : files.filter((f) => !site.includes(f));
  const lines = listed.map((f) => line(f.path, f.bytes.length));
  if (listed.length < files.length) {
    lines.push(`${path.join(folder, 'site')}/ ${plural(site.length, 'file')}, ${formatSize(site.reduce((sum, f) => sum + f.bytes.length, 0))}`);
  }
  return `${lines.join('\n')}\n`;
}

async function links(values: Values, io: Io): Promise<number> {
  const reporter = reporterOf(values);
  const { config, book } = await load({ configFile: values.config, sources: values.source });
  const { runLinkCheck } = await import('../links/index.js');
  const result = await runLinkCheck({
    book,
    since: values.since,
    cacheFile: values.cache,
    useCache: !values['no-cache'],
    allowPrivate: values['allow-private'],
    skip: config.links.skip,
    skipPlace: config.patternPlaces['links.skip'],
    onProgress: ({ done, total }) => {
      if (io.progress) io.stderr(`\rmlq: links ${done}/${total}${done === total ? '\n' : ''}`);
    },
  });
  const urls = result.checked + result.fromCache;
  report('links', reporter, values.quiet ? errorsOnly(result.diagnostics) : result.diagnostics, allQuestions(book).length, io);
  if (reporter === 'text') io.stdout(`${plural(urls, 'URL')}: ${result.checked} checked, ${result.fromCache} from the cache\n`);
  return hasErrors(result.diagnostics) ? EXIT_VALIDATION : EXIT_OK;
}
