export { RuntimeTemplate, RuntimeTemplateHash } from './runtime-template.js';
export { templateHash } from './template-hash.js';
