import { defineSweep } from './define-sweep.js';
import { knownSweepDefects } from './known-defects.js';
import { unchangedPush } from './sweep-scenarios.js';

await defineSweep({
  scenario: unchangedPush,
  knownDefects: knownSweepDefects['unchanged push'],
  setup: (stack) => stack.putSecret('DOCS_TOKEN', 'canary-docs-token-sweep'),
});
