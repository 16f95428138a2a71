export { answers } from './answers.js';
export {
  endpointFilePath,
  type LocalEndpoints,
  readEndpointFile,
  removeEndpointFile,
  writeEndpointFile,
} from './endpoint-file.js';
export { isProcessAlive } from './is-process-alive.js';
export { listDescendants } from './list-descendants.js';
