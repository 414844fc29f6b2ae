// mlq fix [--check] [--since REF]: what the rules can fix mechanically, written into the banks or shown as a diff.
import { EXIT_OK, EXIT_VALIDATION } from '../errors.js';
import { replaceFile } from '../io/replace-file.js';
import { diffOf, planFixes } from '../maintain/fix.js';
import { load } from '../pipeline.js';
import type { Io, Values } from './options.js';
import { printable, printableLines } from './terminal.js';

export async function fix(values: Values, io: Io): Promise<number> {
  const loaded = await load({ configFile: values.config, sources: values.source, since: values.since });
  const plans = await planFixes(loaded);
  for (const plan of plans) {
    for (const { rules, line, reason } of plan.skipped) io.stderr(`mlq: warning: ${printable(`${plan.file}:${line}: cannot fix ${rules.join(', ')}: ${reason}`)}\n`);
  }
  const changed = plans.filter((plan) => !plan.after.equals(plan.before));
  if (values.check) {
    for (const plan of changed) io.stdout(printableLines(diffOf(plan)));
    return changed.length ? EXIT_VALIDATION : EXIT_OK;
  }
  for (const plan of changed) {
    await replaceFile(plan.file, plan.before, plan.after);
    io.stdout(`${printable(plan.file)}: fixed ${plan.rules.join(', ')}\n`);
  }
  if (!changed.length) io.stdout('mlq: nothing to fix\n');
  return EXIT_OK;
}
