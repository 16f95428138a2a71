import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { EmulatorContext, OperationRequest } from './emulator-context.js';
import { beginTransition, type Lifecycle } from './emulator-state.js';
import { findContainerImage } from './find-container-image.js';
import { Status } from './runtime-shapes.js';
import { type CodeConfiguration, codeConfigurationOf, codePackageDir } from './stage-code-package.js';

/**
 * Starts the transition of a new runtime or harness version (`CREATING`/`UPDATING`) and decides how it
 * ends: READY, unless a container image is not a linux/arm64 image of the local ECR, the execution role may
 * not pull it, a code package is not NODE_22 or lacks its entry point, or a `create_failed`/`update_failed` fault is injected, which end in
 * `CREATE_FAILED`/`UPDATE_FAILED` with a `failureReason`. A `slow_ready` fault adds its `delayMs` (default 1 s)
 * to the configured delay.
 */
export function startVersionTransition(
  ctx: EmulatorContext,
  version: Lifecycle,
  artifact: unknown,
  kind: 'create' | 'update',
  request: OperationRequest,
  executionRoleArn: unknown,
): void {
  const failed = kind === 'create' ? Status.CreateFailed : Status.UpdateFailed;
  const delayMs =
    (kind === 'create' ? ctx.delays.createMs : ctx.delays.updateMs) +
    (request.fault?.kind === 'slow_ready' ? (request.fault.delayMs ?? 1000) : 0);
  beginTransition(
    version,
    kind === 'create' ? Status.Creating : Status.Updating,
    outcomeOf(
      ctx,
      artifact,
      failed,
      request,
      typeof executionRoleArn === 'string' ? executionRoleArn : undefined,
    ),
    request.nowMs,
    delayMs,
  );
}

function outcomeOf(
  ctx: EmulatorContext,
  artifact: unknown,
  failed: Status,
  request: OperationRequest,
  executionRoleArn: string | undefined,
): { status: Status; failureReason?: string } {
  const fault = request.fault;
  if (fault?.kind === 'create_failed' || fault?.kind === 'update_failed') {
    return { status: failed, failureReason: fault.reason ?? `Injected fault: ${fault.kind}.` };
  }
  const container = (artifact as { containerConfiguration?: { containerUri?: string } } | undefined)
    ?.containerConfiguration?.containerUri;
  if (container !== undefined) {
    const lookup = findContainerImage(ctx.options.ecr, container);
    if (!lookup.ok) return { status: failed, failureReason: lookup.reason };
    const denied = imagePullDenied(ctx, executionRoleArn, lookup.repository);
    if (denied !== undefined) return { status: failed, failureReason: denied };
  }
  const code = codeConfigurationOf(artifact);
  if (code !== undefined) {
    const problem = codePackageProblem(ctx, code);
    if (problem !== undefined) return { status: failed, failureReason: problem };
  }
  return { status: Status.Ready };
}

/** Why the staged code package cannot run here: only Node 22 runs locally, and the entry point must be in the zip. */
function codePackageProblem(ctx: EmulatorContext, code: CodeConfiguration): string | undefined {
  if (code.runtime !== 'NODE_22') {
    return `The local cloud runs NODE_22 code packages only, not ${code.runtime}.`;
  }
  const entry = code.entryPoint.at(-1) ?? '';
  if (!existsSync(join(codePackageDir(ctx, code), entry))) {
    return `The entry point ${entry} is not in the code package s3://${code.code.s3.bucket}/${code.code.s3.prefix}.`;
  }
  return undefined;
}

/** AgentCore pulls the image as the execution role: ECR's token and layer reads (aws-practices §6.1). */
function imagePullDenied(
  ctx: EmulatorContext,
  roleArn: string | undefined,
  repository: string,
): string | undefined {
  if (roleArn === undefined || ctx.options.authorizeRole === undefined) return undefined;
  const repositoryArn = `arn:aws:ecr:${ctx.options.region}:${ctx.options.accountId}:repository/${repository}`;
  return ctx.options.authorizeRole(roleArn, [
    { action: 'ecr:GetAuthorizationToken', resource: '*' },
    { action: 'ecr:BatchGetImage', resource: repositoryArn },
    { action: 'ecr:GetDownloadUrlForLayer', resource: repositoryArn },
  ]);
}
