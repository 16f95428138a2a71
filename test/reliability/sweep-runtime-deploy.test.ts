import { defineSweep } from './define-sweep.js';
import { harnessDeploy, runtimeDeploy } from './sweep-scenarios.js';

// The calls a runtime deploy shares with a harness deploy (Plan's reads and uploads, the lock, STATE and plan
// reads, the records, the events) are swept by sweep-harness-deploy: this file sweeps what only the runtime
// path calls — the runtime lookup, the build, the runtime's create/status/invoke and its Lambda Tasks.
await defineSweep({
  scenario: runtimeDeploy,
  sweptBy: harnessDeploy,
  setup: (stack) => stack.putSecret('DOCS_TOKEN', 'canary-docs-token-sweep'),
});
