// The rules group's tests as one test file (see reader.suite.ts): a rule's id, severity and hint are set
// while its module loads, so each of their mutants runs every test of the group.
import '../rules.test.js';
import '../rules-behaviour.test.js';
