import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CfnTemplate } from './resolve-intrinsic.js';

/**
 * The committed IAM snapshot of the stack synthesized for the local cloud (`agentdrop-local`, default props), so
 * the local cloud enforces the stack's grants without the CDK installed. `npm run synth:local-template`
 * regenerates it; test/infra/local-stack-template.test.ts fails when it is stale.
 */
export const LocalStackTemplatePath = fileURLToPath(new URL('./local-stack-template.json', import.meta.url));

let loaded: CfnTemplate | undefined;

/** The snapshot, parsed once per process. */
export function localStackTemplate(): CfnTemplate {
  loaded ??= JSON.parse(readFileSync(LocalStackTemplatePath, 'utf8')) as CfnTemplate;
  return loaded;
}
