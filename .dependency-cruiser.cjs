// The layering of src/ (see CONTRIBUTING.md), checked by `npm test` (test/layers.test.js):
// a folder imports only folders below it, and no module takes part in an import cycle.
//   cli → notebook → course, derive → check → nn → data → core
// Tests (*.test.ts) may use any layer as a reference (an nn test checks against finite
// differences from check/), so they are left out of the layer rules.
const layers = ['core', 'data', 'nn', 'check', ['course', 'derive'], 'notebook', 'cli'];
const floor = (name) => layers.findIndex((l) => (Array.isArray(l) ? l.includes(name) : l === name));
const names = layers.flat();

const upward = names.map((from) => ({
  name: `no-upward-import-from-${from}`,
  comment: `src/${from}/ may import only lower layers (order: ${layers.map((l) => [].concat(l).join(' | ')).join(' < ')})`,
  severity: 'error',
  from: { path: `^src/${from}/`, pathNot: '\\.test\\.ts$' },
  to: { path: `^src/(${names.filter((n) => n !== from && floor(n) >= floor(from)).join('|')})/` },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'an import cycle: split the shared part into its own module',
      severity: 'error',
      from: { pathNot: '\\.test\\.ts$' },
      to: { circular: true },
    },
    ...upward.filter((rule) => rule.to.path !== '^src/()/'),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
