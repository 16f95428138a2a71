import { defineSweep } from './define-sweep.js';
import { runtimeDeploy, runtimeUpdate } from './sweep-scenarios.js';

// What a first runtime deploy also calls is swept by sweep-runtime-deploy (and, through it, sweep-harness-deploy):
// this file sweeps what only an update makes — UpdateAgentRuntime, the endpoint moves (gated promotion) and, with
// a retention of one version, the clean-up that deletes version 1 once live serves version 2.
await defineSweep({
  scenario: runtimeUpdate,
  sweptBy: runtimeDeploy,
  versionRetention: 1,
  setup: (stack) => stack.putSecret('DOCS_TOKEN', 'canary-docs-token-sweep'),
});
