export { attachTriggers, type LocalTriggers, type TriggeredRun } from './attach-triggers.js';
export { type LocalPipelineSettings, LocalStack, localPipelineConfig } from './local-pipeline-config.js';
export {
  createLocalPipeline,
  type LocalDeployOptions,
  type LocalHandler,
  type LocalPipeline,
} from './run-local-deploy.js';
