import type { CliIo } from '../io.js';
import { UsageError } from '../usage-error.js';
import type { TargetFlags } from './target-flags.js';

/** AWS settings the command line gives a stack target; absent ones come from the SDK's default chain. */
export interface AwsSettings {
  readonly profile?: string;
  readonly region?: string;
}

/** Where a command acts: the embedded local cloud, or a deployed AgentDrop stack on AWS. */
export type TargetChoice =
  | { readonly kind: 'local'; readonly implicit: boolean }
  | { readonly kind: 'aws'; readonly stack: string; readonly fromEnv: boolean; readonly aws: AwsSettings };

/**
 * `--local` → the local cloud; `--stack NAME` or `AGENTDROP_STACK` → AWS; neither → the local cloud,
 * which the command says in one line (DESIGN §1). `--local` with `--stack` is a usage error, and so are
 * `--profile`/`--region` on the local cloud: it has its own endpoints and credentials, and a profile given
 * without a stack more likely means a forgotten `--stack` than a wish to deploy locally.
 */
export function resolveTarget(flags: TargetFlags, io: CliIo): TargetChoice {
  if (flags.local && flags.stack) throw new UsageError('choose one of --local and --stack');
  const aws: AwsSettings = {
    ...(flags.profile ? { profile: flags.profile } : {}),
    ...(flags.region ? { region: flags.region } : {}),
  };
  const stack = flags.local ? undefined : (flags.stack ?? io.env.AGENTDROP_STACK);
  if (!stack) {
    const given = [flags.profile ? '--profile' : null, flags.region ? '--region' : null].filter(Boolean);
    if (given.length > 0) {
      throw new UsageError(
        `${given.join(' and ')} ${given.length > 1 ? 'apply' : 'applies'} to a stack on AWS; add --stack NAME (or set AGENTDROP_STACK): the local cloud has its own endpoints and credentials`,
      );
    }
    return { kind: 'local', implicit: !flags.local };
  }
  return { kind: 'aws', stack, fromEnv: !flags.stack, aws };
}
