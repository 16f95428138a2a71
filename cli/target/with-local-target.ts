import type { EventBridgeEvent } from '../../local/eventbridge/index.js';
import type { LocalDeployOptions } from '../../local/pipeline/index.js';
import type { CliIo } from '../io.js';
import { type LocalTarget, openLocalTarget } from './local-target.js';
import { requireLocal } from './require-local.js';
import { resolveTarget } from './resolve-target.js';

/** Resolves the target from `--local`/`--stack`, opens the local cloud, runs `work` and always closes it. */
export async function withLocalTarget<T>(
  io: CliIo,
  flags: { local?: boolean; stack?: string },
  work: (target: LocalTarget) => Promise<T>,
  onRun?: (event: EventBridgeEvent) => LocalDeployOptions,
): Promise<T> {
  requireLocal(resolveTarget(flags, io), io);
  const target = await openLocalTarget(io, onRun);
  try {
    return await work(target);
  } finally {
    await target.close();
  }
}
