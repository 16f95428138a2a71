import { AgentdropError, type ErrorContext } from '../errors.js';

/** Names of the errors `compileRuntime` throws. */
export const CompileErrorName = {
  /** The plan has errors, or no mode: there is nothing to build. */
  PlanNotDeployable: 'PlanNotDeployable',
  /** The plan is a harness plan; harness mode needs no container. */
  NotRuntimePlan: 'NotRuntimePlan',
  /** The plan and the file tree disagree (a skill file or an agent is missing): a broken invariant. */
  PlanTreeMismatch: 'PlanTreeMismatch',
  /** The plan was made with another runtime template: its specHash would not address this context. */
  TemplateMismatch: 'TemplateMismatch',
  /** The plan ships its runtime as a container image; there is no code package to compile. */
  NotCodePlan: 'NotCodePlan',
  /** The runtime agent bundle given is not the one whose hash the plan's specHash covers. */
  AgentBundleMismatch: 'AgentBundleMismatch',
} as const;
export type CompileErrorName = (typeof CompileErrorName)[keyof typeof CompileErrorName];

/** Thrown by the runtime compiler when it cannot turn a plan into a build context. */
export class CompileError extends AgentdropError {
  constructor(name: CompileErrorName, message: string, context: ErrorContext = {}) {
    super(name, message, context);
  }
}
