// The reader group's tests as one test file: a mutant that more than one of them covers (every module-level
// regex, and most of readingOf) then runs in one worker, which loads the reader once, instead of one per file
// (layout.ts's 143 mutants: 101 s -> 86 s). Not a *.test.ts file: `npm test` runs the three on their own.
import '../reader-layouts.test.js';
import '../reader-parse.test.js';
import '../layouts.test.js';
