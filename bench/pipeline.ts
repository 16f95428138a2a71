import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { readDirectoryBundle, zipFiles } from '../core/bundle/index.js';
import { startLocalCloud } from '../local/cloud/index.js';
import { attachTriggers, createLocalPipeline } from '../local/pipeline/index.js';
import type { RunnerEvent } from '../local/runner/index.js';

const RepoRoot = join(import.meta.dirname, '..');

/** One measured run of the pipeline on the local cloud. */
export interface PipelineBenchFigure {
  readonly case: string;
  readonly outcome: string;
  readonly wallMs: number;
  /** Time spent inside the Lambda tasks (what Lambda would bill). */
  readonly lambdaMs: number;
  readonly transitions: number;
}

/** Names of the states that invoke a Lambda function, read from the definition. */
function lambdaStates(): Set<string> {
  const definition = JSON.parse(readFileSync(join(RepoRoot, 'statemachine/deploy.asl.json'), 'utf8')) as {
    States: Record<string, { Resource?: string }>;
  };
  return new Set(
    Object.entries(definition.States)
      .filter(([, state]) => state.Resource === 'arn:aws:states:::lambda:invoke')
      .map(([name]) => name),
  );
}

/**
 * Wall time, Lambda compute and state transitions of a harness deploy, a runtime deploy and an unchanged
 * redeploy on the local cloud with zero emulator delays (targets: ≤ 30 transitions per deploy; an
 * unchanged redeploy under 1 s of compute).
 */
export async function benchPipeline(): Promise<PipelineBenchFigure[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'agentdrop-bench-'));
  const cloud = await startLocalCloud({ dataDir });
  const lambdas = lambdaStates();
  let lambdaMs = 0;
  const onEvent = (event: RunnerEvent): void => {
    if (event.kind === 'state-exited' && lambdas.has(event.state)) lambdaMs += event.durationMs;
  };
  const pipeline = createLocalPipeline(cloud);
  const triggers = attachTriggers(cloud, pipeline, () => ({ onEvent, waitMs: 0 }));
  const s3 = new S3Client(cloud.clientConfig('s3'));
  const secrets = new SecretsManagerClient(cloud.clientConfig('secretsmanager'));
  await secrets.send(new CreateSecretCommand({ Name: 'agentdrop/DOCS_TOKEN', SecretString: 'bench-token' }));
  const figures: PipelineBenchFigure[] = [];
  const measure = async (label: string, example: string): Promise<void> => {
    const bundle = await readDirectoryBundle(join(RepoRoot, 'examples', example));
    if (!bundle.ok) throw new Error(`examples/${example} is not a valid drop`);
    const before = triggers.runs().length;
    lambdaMs = 0;
    const started = performance.now();
    await s3.send(
      new PutObjectCommand({
        Bucket: cloud.resources.dropBucket,
        Key: `drops/${example}.zip`,
        Body: zipFiles(bundle.tree.files),
      }),
    );
    await triggers.idle();
    const wallMs = performance.now() - started;
    const run = await triggers.runs()[before]!.result;
    figures.push({
      case: label,
      outcome: run.events.at(-1)?.detailType ?? run.status,
      wallMs: Math.round(wallMs),
      lambdaMs: Math.round(lambdaMs),
      transitions: run.transitions,
    });
  };
  try {
    await measure('harness deploy (examples/single)', 'single');
    await measure('runtime deploy (examples/team)', 'team');
    await measure('unchanged redeploy (examples/team)', 'team');
    await measure('unchanged redeploy (examples/single)', 'single');
  } finally {
    triggers.detach();
    s3.destroy();
    secrets.destroy();
    await cloud.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  console.table(figures);
  return figures;
}
