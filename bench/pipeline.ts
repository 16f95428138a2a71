import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { readDirectoryBundle, zipFiles } from '../core/bundle/index.js';
import { startLocalCloud } from '../local/cloud/index.js';
import { attachTriggers, createLocalPipeline } from '../local/pipeline/index.js';
import type { RunnerEvent } from '../local/runner/index.js';
import { syntheticDrop } from './synthetic-drop.js';

const RepoRoot = join(import.meta.dirname, '..');

/** One measured run of the pipeline on the local cloud. */
export interface PipelineBenchFigure {
  readonly case: string;
  readonly outcome: string;
  readonly wallMs: number;
  /** Time spent inside the Lambda tasks (what Lambda would bill). */
  readonly lambdaMs: number;
  readonly transitions: number;
  /** Bytes of the runtime artifact the run wrote (build context or code package zip); null for other runs. */
  readonly artifactBytes: number | null;
}

/** How a team ships (`runtime.artifact`). */
type ArtifactKind = 'container' | 'code';

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
 * unchanged redeploy under 1 s of compute); then team deploys of examples/team and of the synthetic 200-agent team
 * (200 skills) by both runtime artifacts side by side, with the bytes of the artifact each wrote.
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
  const exampleFiles = async (example: string): Promise<ReadonlyMap<string, Uint8Array>> => {
    const bundle = await readDirectoryBundle(join(RepoRoot, 'examples', example));
    if (!bundle.ok) throw new Error(`examples/${example} is not a valid drop`);
    return bundle.tree.files;
  };
  const measure = async (label: string, example: string): Promise<void> => {
    await measureDrop(label, example, await exampleFiles(example), null);
  };
  const measureDrop = async (
    label: string,
    project: string,
    files: ReadonlyMap<string, Uint8Array>,
    kind: ArtifactKind | null,
  ): Promise<void> => {
    const before = triggers.runs().length;
    lambdaMs = 0;
    const started = performance.now();
    await s3.send(
      new PutObjectCommand({
        Bucket: cloud.resources.dropBucket,
        Key: `drops/${project}.zip`,
        Body: zipFiles(files),
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
      artifactBytes:
        kind === null ? null : await prefixBytes(kind === 'code' ? `code/${project}/` : `builds/${project}/`),
    });
  };
  const prefixBytes = async (prefix: string): Promise<number> => {
    const listed = await s3.send(
      new ListObjectsV2Command({ Bucket: cloud.resources.artifactsBucket, Prefix: prefix }),
    );
    return (listed.Contents ?? []).reduce((sum, object) => sum + (object.Size ?? 0), 0);
  };
  const teams: [string, ReadonlyMap<string, Uint8Array>][] = [
    ['examples/team', await exampleFiles('team')],
    ['synthetic 200 agents, 200 skills', syntheticDrop({ skills: 200 })],
  ];
  try {
    await measure('harness deploy (examples/single)', 'single');
    await measure('runtime deploy (examples/team)', 'team');
    await measure('unchanged redeploy (examples/team)', 'team');
    await measure('unchanged redeploy (examples/single)', 'single');
    for (const [index, [name, files]] of teams.entries()) {
      for (const kind of ['container', 'code'] as const) {
        await measureDrop(
          `team deploy as ${kind} (${name})`,
          `bench${index}-${kind}`,
          asArtifact(files, kind),
          kind,
        );
      }
    }
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

/** The drop with `runtime.artifact` set in its agentdrop.yaml (appended: a manifest key set once). */
function asArtifact(files: ReadonlyMap<string, Uint8Array>, kind: ArtifactKind): Map<string, Uint8Array> {
  const copy = new Map(files);
  const manifest = files.has('agentdrop.yaml') ? new TextDecoder().decode(files.get('agentdrop.yaml')) : '';
  copy.set('agentdrop.yaml', new TextEncoder().encode(`${manifest}\nruntime:\n  artifact: ${kind}\n`));
  return copy;
}
