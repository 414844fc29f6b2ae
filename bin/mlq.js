#!/usr/bin/env node
// The CLI is bundled into lib/ by `npm ci` (the `prepare` script): one file loads in a
// fraction of the time of the hundreds of small modules of the unified ecosystem.
import module from 'node:module';

// Node 22.1 and later keep the compiled code of the bundle and its libraries on disk between runs (in the
// system's temporary folder, or NODE_COMPILE_CACHE): a second start skips compiling them. Node 20 has no
// such cache, and starts as before.
module.enableCompileCache?.();
const { main } = await import('../lib/cli.js');

process.exitCode = await main(process.argv.slice(2));
