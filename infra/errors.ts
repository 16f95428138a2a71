import { AgentdropError } from '../core/errors.js';

/** Names of the errors the infrastructure code throws. */
export const InfraErrorName = { InvalidProps: 'InvalidAgentDropProps' } as const;
export type InfraErrorName = (typeof InfraErrorName)[keyof typeof InfraErrorName];

/** Thrown by the {@link AgentDrop} constructor when a prop is out of range; `code` names the prop. */
export class InvalidAgentDropPropsError extends AgentdropError {
  constructor(prop: string, message: string) {
    super(InfraErrorName.InvalidProps, message, { prop }, `props.${prop}`);
  }
}
