import { AgentdropError } from '../../core/errors.js';
import type { CliIo } from '../io.js';
import type { TargetChoice } from './resolve-target.js';

/**
 * Commands reach AWS stacks once the CLI is wired to CloudFormation outputs (docs/aws.md); until then a
 * stack target is refused with a clear message, and the implicit local target is announced.
 */
export function requireLocal(choice: TargetChoice, io: CliIo): void {
  if (choice.kind === 'aws') {
    throw new AgentdropError(
      'TargetNotConfigured',
      `AWS stack targets are not configured in this CLI yet (stack ${choice.stack}); upload with \`aws s3 cp <zip> s3://<DropBucketName>/drops/<project>.zip\` (see docs/aws.md) or use --local.`,
      { stack: choice.stack },
    );
  }
  if (choice.implicit)
    io.stderr('No --stack or AGENTDROP_STACK: using the embedded local cloud (.agentdrop/local).\n');
}
