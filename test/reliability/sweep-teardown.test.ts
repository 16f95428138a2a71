import { defineSweep } from './define-sweep.js';
import { knownSweepDefects } from './known-defects.js';
import { teardown } from './sweep-scenarios.js';

await defineSweep({
  scenario: teardown,
  knownDefects: knownSweepDefects.teardown,
  setup: (stack) => stack.putSecret('DOCS_TOKEN', 'canary-docs-token-sweep'),
});
