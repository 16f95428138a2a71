export { parseProject } from './parse-project.js';
export {
  fillSecretTemplate,
  templatedSecretName,
  urlHasCredential,
  withoutUrlCredentials,
} from './secret-templates.js';
export { skillContentHash } from './skill-hash.js';
export type {
  AgentSource,
  KnowledgeFile,
  Manifest,
  McpServerSource,
  Project,
  SkillSource,
  ToolEntry,
  ToolRequest,
} from './types.js';
