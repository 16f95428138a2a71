export { deriveArguments } from './derive-arguments.js';
export { modelArns } from './model-arns.js';
export { decideReply, type ScriptedReply } from './scripted-policy.js';
export {
  roleBearer,
  type ScriptedModel,
  type ScriptedModelOptions,
  startScriptedModel,
} from './start-scripted-model.js';
export { toChatRequest } from './to-chat-request.js';
