export { bindTaskHandlers, type TaskBindingDeps } from './bind-task-handlers.js';
export { type LambdaInvocationLog, type LambdaLogger, lambdaLogger } from './lambda-log.js';
export { runDeployStateMachine } from './run-deploy-state-machine.js';
export { listPlaceholders, substituteDefinition } from './substitute-definition.js';
export {
  type DeployHandlers,
  ExecutionStatus,
  type LocalLambdaContext,
  type LocalLambdaHandler,
  type PublishedEvent,
  type RunDeployOptions,
  type RunDeployResult,
  type RunnerEvent,
  type TaskHooks,
} from './types.js';
