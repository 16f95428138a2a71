import { defineSweep } from './define-sweep.js';
import { harnessRollback } from './sweep-scenarios.js';

// Every call of a rollback run, faulted one at a time: the lock, Plan's STATE read, the rev check and the endpoint
// move of PromoteHarness, the records and the events. The invariants include live-gated.
await defineSweep({
  scenario: harnessRollback,
  setup: (stack) => stack.putSecret('DOCS_TOKEN', 'canary-docs-token-sweep'),
});
