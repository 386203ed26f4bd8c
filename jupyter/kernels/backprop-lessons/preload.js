'use strict';
// Loaded by launch.sh before tslab starts (node --require). tslab's compiler host keeps a single
// stand-in timer for TypeScript's rebuilds and throws "Unexpected pending rebuildTimer" when
// TypeScript asks for a second one. TypeScript's folder watchers ask for one whenever a file
// under node_modules changes (npm install, npx, a cache write), so the next cell failed with that
// message in a kernel that had done nothing wrong. The kernel does not need folder watching:
// TypeScript reads the files again whenever it compiles a cell, and a package installed while
// the kernel runs is seen after a restart. So folder watchers are replaced by ones that never
// fire. test/runner.test.js changes node_modules between two cells and runs the second.
const ts = require('@tslab/typescript-for-tslab');

ts.sys.watchDirectory = () => ({ close() {} });
