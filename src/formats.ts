// Every output format, by name. `mlq build --formats` and the benchmark read this list.
import type { FormatName } from './config.js';
import type { Format } from './format.js';
import { jsonFormat } from './writers/json.js';

export const FORMATS: Record<FormatName, Format | undefined> = {
  json: jsonFormat,
  csv: undefined,
  apkg: undefined,
  pdf: undefined,
  epub: undefined,
};
