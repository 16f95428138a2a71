import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { EcrEmulator } from '../ecr/index.js';
import { checkBuildContext } from './check-build-context.js';

/** What a local build needs to know. */
export interface LocalBuildInput {
  /** `bucket/key` of the context zip. */
  readonly sourceLocation: string;
  /** The S3 version id of the zip. @default the current version */
  readonly sourceVersion?: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly dataDir: string;
  readonly readObject: (bucket: string, key: string, versionId?: string) => Promise<Buffer | undefined>;
  readonly ecr: Pick<EcrEmulator, 'findImage' | 'recordImage' | 'registryHost' | 'createRepository'>;
  /** Runs `docker buildx build --platform linux/arm64` on the context as well. */
  readonly realDocker: boolean;
  /** A fault reason: the build phase fails with it. */
  readonly failBuild?: string;
  /** Called as each phase starts. */
  readonly onPhase: (phaseType: string) => void;
  /** Receives the build's output, a line at a time (the commands the buildspec runs and what they print). */
  readonly output?: (line: string) => void;
}

/** How a local build ended. */
export type LocalBuildOutcome =
  | { readonly kind: 'succeeded'; readonly exported: Readonly<Record<string, string>> }
  | {
      readonly kind: 'failed';
      readonly phaseType: string;
      readonly statusCode: string;
      readonly message: string;
    };

/**
 * Runs a build the way the runtime-image buildspec does (aws-practices §3.5), without Docker by default:
 * download and unzip the context, skip when the tag already exists, check the Dockerfile and its COPY
 * sources, then "push": extract the context under `<dataDir>/images/<hex>/` and record a linux/arm64
 * image whose digest is the sha256 of the context zip.
 */
export async function runLocalBuild(input: LocalBuildInput): Promise<LocalBuildOutcome> {
  input.onPhase('DOWNLOAD_SOURCE');
  const slash = input.sourceLocation.indexOf('/');
  const bucket = input.sourceLocation.slice(0, slash);
  const key = input.sourceLocation.slice(slash + 1);
  const zip = slash > 0 ? await input.readObject(bucket, key, input.sourceVersion) : undefined;
  if (zip === undefined) {
    return failed(
      'DOWNLOAD_SOURCE',
      'CLIENT_ERROR',
      `NoSuchKey: The specified key does not exist. for primary source and source version ${input.sourceLocation}`,
    );
  }
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(new Uint8Array(zip));
  } catch (error) {
    return failed(
      'DOWNLOAD_SOURCE',
      'CLIENT_ERROR',
      `zip: not a valid zip file (${(error as Error).message})`,
    );
  }
  const hex = createHash('sha256').update(zip).digest('hex');
  const digest = `sha256:${hex}`;

  input.onPhase('PRE_BUILD');
  const env = input.environment;
  const repositoryName = env.REPO_NAME ?? env.REPO_URI?.split('/').slice(1).join('/');
  if (repositoryName === undefined || repositoryName === '') {
    return commandFailed('PRE_BUILD', 'test -n "$IMAGE_TAG" && test -n "$REPO_URI" && test -n "$REPO_NAME"');
  }
  const repositoryUri = env.REPO_URI ?? `${input.ecr.registryHost}/${repositoryName}`;
  const imageTag = env.IMAGE_TAG ?? hex.slice(0, 12);
  const imageUri = `${repositoryUri}:${imageTag}`;
  const output = input.output ?? (() => undefined);
  output(`Running command IMAGE_URI=${imageUri}`);
  const existing = input.ecr.findImage(repositoryName, imageTag);
  if (existing !== undefined) {
    output(`Image ${imageUri} already exists (${existing.digest}): skipping the build`);
    return succeeded(input, { IMAGE_URI: imageUri, IMAGE_DIGEST: existing.digest, BUILD_SKIPPED: 'true' });
  }

  input.onPhase('BUILD');
  const paths = Object.keys(files).filter((path) => !path.endsWith('/'));
  const dockerfile = files.Dockerfile === undefined ? undefined : strFromU8(files.Dockerfile);
  output(
    `Running command docker buildx build --platform linux/arm64 --provenance=false -t ${imageUri} . (${paths.length} files: ${paths.slice(0, 8).join(', ')}${paths.length > 8 ? ', …' : ''})`,
  );
  const problems = checkBuildContext(paths, dockerfile);
  if (input.failBuild !== undefined) problems.push(input.failBuild);
  if (problems.length > 0) {
    return failed(
      'BUILD',
      'COMMAND_EXECUTION_ERROR',
      `Error while executing command: docker buildx build. Reason: ${problems.join(' ')}`,
    );
  }
  const contextDir = join(input.dataDir, 'images', hex);
  for (const path of paths) {
    const target = normalize(join(contextDir, path));
    if (!target.startsWith(`${contextDir}/`)) {
      return failed('BUILD', 'COMMAND_EXECUTION_ERROR', `The build context holds an unsafe path: ${path}`);
    }
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, files[path]!);
  }
  if (input.realDocker) {
    const exitCode = await runDocker([
      'buildx',
      'build',
      '--platform',
      'linux/arm64',
      '--provenance=false',
      '-t',
      imageUri,
      contextDir,
    ]);
    if (exitCode !== 0) return commandFailed('BUILD', `docker buildx build (exit status ${exitCode})`);
  }

  input.onPhase('POST_BUILD');
  try {
    // buildspecs/runtime-image.yml creates the project's repository on first use; so does the local build.
    try {
      input.ecr.createRepository(repositoryName);
    } catch (error) {
      if ((error as Error).name !== 'RepositoryAlreadyExistsException') throw error;
    }
    input.ecr.recordImage({
      repositoryName,
      digest,
      tag: imageTag,
      architecture: 'arm64',
      os: 'linux',
      contextDir,
      sizeBytes: zip.length,
    });
  } catch (error) {
    return failed('BUILD', 'COMMAND_EXECUTION_ERROR', `docker push failed: ${(error as Error).message}`);
  }
  output(`Running command docker push ${imageUri}`);
  output(`${imageTag}: digest: ${digest} size: ${zip.length}`);
  return succeeded(input, { IMAGE_URI: imageUri, IMAGE_DIGEST: digest, BUILD_SKIPPED: 'false' });
}

/** Whether a Docker engine answers (`docker version`). */
export async function dockerAvailable(): Promise<boolean> {
  return (await runDocker(['version'])) === 0;
}

function succeeded(input: LocalBuildInput, exported: Record<string, string>): LocalBuildOutcome {
  input.onPhase('UPLOAD_ARTIFACTS');
  return { kind: 'succeeded', exported };
}

function failed(phaseType: string, statusCode: string, message: string): LocalBuildOutcome {
  return { kind: 'failed', phaseType, statusCode, message };
}

function commandFailed(phaseType: string, command: string): LocalBuildOutcome {
  return failed(
    phaseType,
    'COMMAND_EXECUTION_ERROR',
    `Error while executing command: ${command}. Reason: exit status 1`,
  );
}

function runDocker(args: readonly string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn('docker', args, { stdio: 'ignore' });
    child.on('error', () => resolve(127));
    child.on('exit', (code) => resolve(code ?? 1));
  });
}
