// The security group's tests as one test file (see reader.suite.ts): the guards' tables and patterns are
// set while their modules load, so each of their mutants runs every test of the group, in one worker.
import '../address.test.js';
import '../connect.test.js';
import '../writer-links.test.js';
import '../io-files.test.js';
import '../assets.test.js';
import '../git.test.js';
import '../terminal.test.js';
import '../patterns.test.js';
