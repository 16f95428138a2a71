import type { CliIo } from '../io.js';
import { openAwsTarget } from './aws-target.js';
import type { DeployTarget, RunListener } from './deploy-target.js';
import { localDataDir } from './local-data-dir.js';
import { openLocalTarget } from './local-target.js';
import { resolveTarget } from './resolve-target.js';
import type { TargetFlags } from './target-flags.js';

/**
 * Resolves the target from `--local`/`--stack`/`AGENTDROP_STACK` (with `--profile`/`--region` for a stack), opens it (the embedded local cloud, or
 * the stack's resources from its outputs), runs `work` and always closes it. `onRun` receives every run
 * the work starts, locally as it starts and on AWS once its execution is found.
 */
export async function withTarget<T>(
  io: CliIo,
  flags: TargetFlags,
  work: (target: DeployTarget) => Promise<T>,
  onRun?: RunListener,
): Promise<T> {
  const choice = resolveTarget(flags, io);
  if (choice.kind === 'aws' && choice.fromEnv) io.stderr(`Using stack ${choice.stack} (AGENTDROP_STACK).\n`);
  const target =
    choice.kind === 'aws'
      ? await openAwsTarget(io, choice.stack, { ...choice.aws, ...(onRun ? { onRun } : {}) })
      : await openLocalTarget(io, onRun);
  if (choice.kind === 'local' && choice.implicit) {
    io.stderr(
      target.runsHere
        ? `No --stack or AGENTDROP_STACK: using the embedded local cloud (${localDataDir(io)}).\n`
        : `No --stack or AGENTDROP_STACK: using the running local cloud (${localDataDir(io)}).\n`,
    );
  }
  try {
    return await work(target);
  } finally {
    await target.close();
  }
}
