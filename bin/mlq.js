#!/usr/bin/env node
// The CLI is bundled into lib/ (`npm run bundle`; the npm package and the release tarball carry it): one
// file loads in a fraction of the time of the hundreds of small modules of the unified ecosystem.
import { existsSync } from 'node:fs';
import module from 'node:module';

// A checkout of the source has no lib/ until it is bundled: say how, not a stack trace.
if (!existsSync(new URL('../lib/cli.js', import.meta.url))) {
  process.stderr.write('mlq: lib/ is not built in this checkout of mlq: run "npm run bundle" (or npm run build, npm test) first\n');
  process.exit(2);
}

// Node 22.1 and later keep the compiled code of the bundle and its libraries on disk between runs (in the
// system's temporary folder, or NODE_COMPILE_CACHE): a second start skips compiling them. Node 20 has no
// such cache, and starts as before.
module.enableCompileCache?.();
const { main } = await import('../lib/cli.js');

process.exitCode = await main(process.argv.slice(2));
