import { defineSweep } from './define-sweep.js';
import { codeDeploy, harnessDeploy } from './sweep-scenarios.js';

// As sweep-runtime-deploy, for a runtime shipped as code: the calls it shares with a harness deploy are swept by
// sweep-harness-deploy; this file sweeps the runtime calls on the code path — Plan's code package write, the
// runtime's create from the package (which AgentCore reads from S3), its status, invoke and Lambda Tasks.
await defineSweep({
  scenario: codeDeploy,
  sweptBy: harnessDeploy,
  setup: (stack) => stack.putSecret('DOCS_TOKEN', 'canary-docs-token-sweep'),
});
