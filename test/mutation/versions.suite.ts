// The versions group's tests as one test file (see reader.suite.ts).
import '../rules-versions.test.js';
import '../rules.test.js';
import '../rules-behaviour.test.js';
