// How a file is named to the user: every diagnostic and message names files this way.
import path from 'node:path';

/**
 * A file as diagnostics name it: relative to the working directory, as GitHub annotations need, unless
 * that path would climb to the root (`../../../dev/null`): then as an absolute path.
 */
export function shownPath(file: string): string {
  const absolute = path.resolve(file);
  const relative = path.relative(process.cwd(), absolute);
  const climbs = relative.split(path.sep).filter((part) => part === '..').length;
  const depth = process.cwd().split(path.sep).filter(Boolean).length;
  return relative === '' ? file : climbs >= depth ? absolute : relative;
}
