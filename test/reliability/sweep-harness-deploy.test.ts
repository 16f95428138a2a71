import { defineSweep } from './define-sweep.js';
import { harnessDeploy } from './sweep-scenarios.js';

await defineSweep({
  scenario: harnessDeploy,
  setup: (stack) => stack.putSecret('DOCS_TOKEN', 'canary-docs-token-sweep'),
});
