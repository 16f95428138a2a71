import type { Command } from 'commander';

/** The flags that choose where a command acts, and the AWS settings for a stack (README, CLI). */
export interface TargetFlags {
  readonly local?: boolean;
  readonly stack?: string;
  /** AWS profile for every SDK client of a stack target. @default the SDK's chain (`AWS_PROFILE`, …) */
  readonly profile?: string;
  /**
   * Region the stack is looked up in (its `Region` output then places the data-plane clients).
   * @default the SDK's chain (`AWS_REGION`, the profile's region)
   */
  readonly region?: string;
}

/**
 * Adds `--local`, `--stack`, `--profile` and `--region` to a command that talks to a target. `verb` says what
 * the command does there ("deploy to", "read", "use").
 */
export function withTargetFlags(command: Command, verb: string): Command {
  return command
    .option('--local', `${verb} the embedded local cloud (the default without a stack)`)
    .option('--stack <name>', `${verb} this AgentDrop stack on AWS (or set AGENTDROP_STACK)`)
    .option('--profile <name>', 'AWS profile for the stack (default: AWS_PROFILE or the default chain)')
    .option('--region <region>', "the stack's AWS region (default: AWS_REGION or the profile's region)");
}
