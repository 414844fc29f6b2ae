// mlq init: writes a commented mlq.yaml for the banks of a list's repository, and with --workflow the example
// GitHub workflow; never overwrites either.
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describeFsError, EXIT_OK, MlqError } from '../errors.js';
import { bookTitle, configText, findBanks, upstreamOf } from '../maintain/init.js';
import { DEFAULT_CONFIG_FILES } from '../pipeline.js';
import { shownPath } from '../io/paths.js';
import { explainBook } from './explain.js';
import type { Io, Values } from './options.js';

/** The example workflow (examples/ in the package, beside lib/), which --workflow writes. */
const WORKFLOW_TEMPLATE = new URL('../examples/mlq-workflow.yml', import.meta.url);
const WORKFLOW = '.github/workflows/mlq.yml';

const exists = (file: string) => access(file).then(() => true, () => false);

export async function init(values: Values, io: Io): Promise<number> {
  const target = values.config ?? 'mlq.yaml';
  for (const existing of [target, ...DEFAULT_CONFIG_FILES]) {
    if (await exists(existing)) throw new MlqError(`${existing} already exists: mlq init does not overwrite a configuration`);
  }
  const root = path.dirname(path.resolve(target));
  const workflow = path.join(root, WORKFLOW);
  if (values.workflow && (await exists(workflow))) throw new MlqError(`${shownPath(workflow)} already exists: mlq init does not overwrite a workflow`);
  const banks = await findBanks(root);
  if (!banks.length) throw new MlqError(`no Markdown file in ${path.relative(process.cwd(), root) || '.'} holds questions (expected headings such as "#### 1) What is ...?")`);
  // What was read in each bank, as `mlq check --explain` says it.
  io.stdout(explainBook({ banks: banks.map((found) => found.bank) }));
  const upstream = await upstreamOf(root);
  const text = configText(banks, upstream, bookTitle(banks, upstream, root));
  await writeFile(target, text, { flag: 'wx' }).catch((error) => {
    throw new MlqError(`${target}: cannot write: ${(error as NodeJS.ErrnoException).code === 'EEXIST' ? 'already exists' : describeFsError(error)}`);
  });
  io.stdout(`wrote ${target} with ${banks.length === 1 ? 'one bank' : `${banks.length} banks`}: edit it, then run mlq build\n`);
  if (values.workflow) {
    await mkdir(path.dirname(workflow), { recursive: true });
    await writeFile(workflow, await readFile(WORKFLOW_TEMPLATE), { flag: 'wx' }).catch((error) => {
      throw new MlqError(`${shownPath(workflow)}: cannot write: ${describeFsError(error)}`);
    });
    io.stdout(`wrote ${shownPath(workflow)}: set the release of mlq it uses (OWNER/mlq@vX.Y.Z), and choose "GitHub Actions" under Settings -> Pages\n`);
  }
  if (!upstream) io.stderr(`mlq: note: this repository has no git remote "origin"; set book.upstream in ${target} to the list's web address (e.g. https://github.com/OWNER/REPO)\n`);
  return EXIT_OK;
}
