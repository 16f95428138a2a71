import { defineSweep } from './define-sweep.js';
import { unchangedPush } from './sweep-scenarios.js';

await defineSweep({
  scenario: unchangedPush,
  setup: (stack) => stack.putSecret('DOCS_TOKEN', 'canary-docs-token-sweep'),
});
