import { defineSweep } from './define-sweep.js';
import { harnessDeploy, harnessUpdate } from './sweep-scenarios.js';

// The calls a first deploy also makes (CreateOrUpdateHarness reading STATE, the smoke test, the records) are
// swept by sweep-harness-deploy; this file sweeps what only an update makes: UpdateHarness and the endpoint moves.
await defineSweep({
  scenario: harnessUpdate,
  sweptBy: harnessDeploy,
  setup: (stack) => stack.putSecret('DOCS_TOKEN', 'canary-docs-token-sweep'),
});
