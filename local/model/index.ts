export { deriveArguments } from './derive-arguments.js';
export { decideReply, type ScriptedReply } from './scripted-policy.js';
export { type ScriptedModel, type ScriptedModelOptions, startScriptedModel } from './start-scripted-model.js';
export { toChatRequest } from './to-chat-request.js';
