import type { CliIo } from '../io.js';
import { UsageError } from '../usage-error.js';

/** Where a command acts: the embedded local cloud, or a deployed AgentDrop stack on AWS. */
export type TargetChoice =
  | { readonly kind: 'local'; readonly implicit: boolean }
  | { readonly kind: 'aws'; readonly stack: string; readonly fromEnv: boolean };

/**
 * `--local` → the local cloud; `--stack NAME` or `AGENTDROP_STACK` → AWS; neither → the local cloud,
 * which the command says in one line (DESIGN §1). `--local` with `--stack` is a usage error.
 */
export function resolveTarget(flags: { local?: boolean; stack?: string }, io: CliIo): TargetChoice {
  if (flags.local && flags.stack) throw new UsageError('choose one of --local and --stack');
  if (flags.local) return { kind: 'local', implicit: false };
  if (flags.stack) return { kind: 'aws', stack: flags.stack, fromEnv: false };
  const stack = io.env.AGENTDROP_STACK;
  if (stack) return { kind: 'aws', stack, fromEnv: true };
  return { kind: 'local', implicit: true };
}
