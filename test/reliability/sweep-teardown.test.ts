import { defineSweep } from './define-sweep.js';
import { teardown } from './sweep-scenarios.js';

await defineSweep({
  scenario: teardown,
  setup: (stack) => stack.putSecret('DOCS_TOKEN', 'canary-docs-token-sweep'),
});
