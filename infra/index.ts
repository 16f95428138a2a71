export { AgentDrop } from './agent-drop.js';
export type { AgentDropProps } from './agent-drop-props.js';
export { AgentDropStack, type AgentDropStackProps, StackOutput } from './agent-drop-stack.js';
export { InfraErrorName, InvalidAgentDropPropsError } from './errors.js';
export { ContextKey, propsFromContext } from './props-from-context.js';
export type { ResolvedAgentDropProps } from './resolve-props.js';
