import { defineSweep } from './define-sweep.js';
import { runtimeDeploy, runtimeUpdate } from './sweep-scenarios.js';

// What a first runtime deploy also calls is swept by sweep-runtime-deploy (and, through it, sweep-harness-deploy):
// this file sweeps what only an update makes — UpdateAgentRuntime and the endpoint moves (gated promotion).
await defineSweep({
  scenario: runtimeUpdate,
  sweptBy: runtimeDeploy,
  setup: (stack) => stack.putSecret('DOCS_TOKEN', 'canary-docs-token-sweep'),
});
