// mlq serve [--port N]: the web site built into memory and served on 127.0.0.1, rebuilt when a bank or
// mlq.yaml changes, the open pages reloaded; a bank that fails to read, or validation errors, show over the
// page and in the terminal, and the last good site stays served.
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { EXIT_OK, MlqError } from '../errors.js';
import { allQuestions } from '../model.js';
import { load, DEFAULT_CONFIG_FILES } from '../pipeline.js';
import { validate } from '../rules/validate.js';
import { serveSite, type SiteFiles } from '../serve/server.js';
import { writeHere } from '../writers/parallel.js';
import type { Io, Values } from './options.js';
import { errorsOnly, REPORT, summarize } from './report.js';
import { printable } from './terminal.js';

export const DEFAULT_PORT = 8000;

interface Preview {
  /** The site's files, or null where the banks could not be read. */
  files: SiteFiles | null;
  /** What went wrong, as `mlq check` prints it; null for a build without errors. */
  error: string | null;
  /** The banks and the config: a change to any of them rebuilds. */
  inputs: string[];
}

async function preview(values: Values): Promise<Preview> {
  const configs = values.config ? [values.config] : DEFAULT_CONFIG_FILES;
  try {
    const { config, book } = await load({ configFile: values.config, sources: values.source });
    const errors = errorsOnly(validate(book, config.rules));
    const { files } = await writeHere(book, config, 'site');
    return {
      files: new Map(files.map((file) => [file.path.replace(/^site\//, ''), file.bytes])),
      error: errors.length ? REPORT.text(errors, summarize(errors, allQuestions(book).length)) : null,
      inputs: [...configs, ...book.banks.map((bank) => bank.file)],
    };
  } catch (error) {
    if (!(error instanceof MlqError)) throw error;
    // The banks named on the command line or in the config are still the ones to watch.
    return { files: null, error: error.message, inputs: [...configs, ...(values.source ?? [])] };
  }
}

const WAITING: SiteFiles = new Map([['index.html', new TextEncoder().encode('<!doctype html><html lang="en"><head><title>mlq serve</title></head><body><p>The site will show here once the banks build.</p></body></html>')]]);

function portOf(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PORT;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new MlqError(`--port takes a port number from 0 to 65535 (0: any free one), not "${value}"`);
  return port;
}

/**
 * Watches the folders of the inputs (an editor often replaces a file rather than writing it), calling
 * `changed` for the inputs' names only; returns a function that stops watching.
 */
function watchInputs(inputs: string[], changed: () => void): () => void {
  const byFolder = new Map<string, Set<string>>();
  for (const input of inputs) {
    const absolute = path.resolve(input);
    byFolder.set(path.dirname(absolute), (byFolder.get(path.dirname(absolute)) ?? new Set()).add(path.basename(absolute)));
  }
  const watchers: FSWatcher[] = [];
  for (const [folder, names] of byFolder) {
    try {
      watchers.push(watch(folder, (_event, name) => name && names.has(String(name)) && changed()));
    } catch {
      // A folder that does not exist (a config that is not there): nothing to watch in it.
    }
  }
  return () => watchers.forEach((watcher) => watcher.close());
}

export async function serve(values: Values, io: Io): Promise<number> {
  const port = portOf(values.port);
  // Bank text reaches the terminal: each line made printable, the line breaks kept.
  const say = (text: string) => io.stderr(`mlq serve: ${text.trimEnd().split('\n').map(printable).join('\n')}\n`);
  let state = await preview(values);
  const server = await serveSite(state.files ?? WAITING, port, state.error);
  io.stdout(`mlq serve: ${server.url} (Ctrl-C stops)\n`);
  if (state.error) say(`the build has errors:\n${state.error}`);

  // One rebuild at a time; changes while one runs make one more after it.
  let running: Promise<void> | null = null;
  let again = false;
  let stopWatching = watchInputs(state.inputs, () => void rebuild());
  let watched = state.inputs.join('\0');
  async function rebuild(): Promise<void> {
    if (running) {
      again = true;
      return;
    }
    const started = performance.now();
    running = (async () => {
      // Let an editor finish writing (several events for one save).
      await new Promise((resolve) => setTimeout(resolve, 50));
      state = await preview(values);
      // The watchers are replaced only where the inputs changed (a bank added to mlq.yaml): closing one drops the
      // change it has not yet reported, an edit made while this build was finishing.
      if (state.inputs.join('\0') !== watched) {
        stopWatching();
        stopWatching = watchInputs(state.inputs, () => void rebuild());
        watched = state.inputs.join('\0');
      }
      if (state.files) server.update(state.files, state.error);
      else server.fail(state.error!);
      say(state.error ? `rebuilt with errors:\n${state.error}` : `rebuilt in ${((performance.now() - started) / 1000).toFixed(2)} s`);
    })();
    await running;
    running = null;
    if (again) {
      again = false;
      await rebuild();
    }
  }

  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  stopWatching();
  await server.close();
  return EXIT_OK;
}
