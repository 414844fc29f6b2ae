// Preloaded into each benchmarked process: reports its peak memory when it exits.
import { writeFileSync } from 'node:fs';

const target = process.env.MLQ_PEAK_FILE;
if (target) process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS)));
