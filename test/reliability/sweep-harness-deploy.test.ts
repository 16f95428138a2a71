import { defineSweep } from './define-sweep.js';
import { knownSweepDefects } from './known-defects.js';
import { harnessDeploy } from './sweep-scenarios.js';

await defineSweep({
  scenario: harnessDeploy,
  knownDefects: knownSweepDefects['harness deploy'],
  setup: (stack) => stack.putSecret('DOCS_TOKEN', 'canary-docs-token-sweep'),
});
