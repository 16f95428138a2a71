export { RuntimeAgentBundle, type RuntimeAgentBundleInfo } from './runtime-agent-bundle.js';
export { RuntimeTemplate, RuntimeTemplateHash } from './runtime-template.js';
export { templateHash } from './template-hash.js';
