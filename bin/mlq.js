#!/usr/bin/env node
// The CLI is bundled into lib/ by `npm ci` (the `prepare` script): one file loads in a
// fraction of the time of the hundreds of small modules of the unified ecosystem.
import { main } from '../lib/cli.js';

process.exitCode = await main(process.argv.slice(2));
