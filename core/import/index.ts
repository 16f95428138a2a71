export { type FolderOptions, folderFromSource } from './folder-from-source.js';
export {
  type DeployedImport,
  type HarnessImport,
  type LiveHarness,
  type LiveMcpServer,
  type LiveSkill,
  sourceFromHarness,
} from './source-from-harness.js';
export { type SplitInstruction, splitKnowledge } from './split-knowledge.js';
export {
  type ImportAgent,
  type ImportedFolder,
  type ImportNote,
  ImportNoteCode,
  type ImportSkill,
  type ImportSource,
} from './types.js';
