import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { RuntimeTemplate } from '../../../core/runtime-template/index.js';

interface Phase {
  readonly 'on-failure'?: string;
  readonly commands: readonly string[];
}
interface Buildspec {
  readonly version: number;
  readonly env: {
    readonly 'exported-variables': readonly string[];
    readonly shell: string;
    readonly variables: Readonly<Record<string, string>>;
  };
  readonly phases: Readonly<Record<string, Phase>>;
}

const text = readFileSync(new URL('../../../buildspecs/runtime-image.yml', import.meta.url), 'utf8');
const spec = parse(text) as Buildspec;
const commands = Object.values(spec.phases)
  .flatMap((phase) => phase.commands)
  .join('\n');

describe('buildspecs/runtime-image.yml', () => {
  it('is a 0.2 buildspec exporting IMAGE_URI and IMAGE_DIGEST', () => {
    expect(spec.version).toBe(0.2);
    expect(spec.env['exported-variables']).toEqual(['IMAGE_URI', 'IMAGE_DIGEST', 'BUILD_SKIPPED']);
  });

  it('aborts on failure in every phase (post_build runs after a failed build otherwise)', () => {
    expect(Object.keys(spec.phases)).toEqual(['pre_build', 'build', 'post_build']);
    for (const phase of Object.values(spec.phases)) expect(phase['on-failure']).toBe('ABORT');
  });

  it('builds a single-platform arm64 manifest with buildx', () => {
    expect(commands).toMatch(/docker buildx build --platform linux\/arm64 --provenance=false/);
    expect(commands).toMatch(/--push/);
  });

  it('runs BuildKit from a pinned public.ecr.aws image, never an anonymous Docker Hub pull', () => {
    const creates = commands
      .replace(/\\\n\s*/g, '')
      .split('\n')
      .filter((line) => line.includes('docker buildx create'))
      .map((line) => line.trim());
    // The registry cache export needs the docker-container driver, so the builder keeps it, with our image.
    expect(creates).toEqual([
      'docker buildx create --use --name agentdrop --driver docker-container --driver-opt image="$BUILDKIT_IMAGE" >/dev/null',
    ]);
    expect(spec.env.variables.BUILDKIT_IMAGE).toMatch(
      /^public\.ecr\.aws\/vend\/moby\/buildkit:v\d+\.\d+\.\d+$/,
    );
  });

  it('caches layers in ECR with an image manifest', () => {
    expect(commands).toMatch(/--cache-to type=registry,ref="\$CACHE_URI",mode=max,image-manifest=true/);
    expect(commands).toMatch(/--cache-from type=registry,ref="\$CACHE_URI"/);
  });

  it('pulls base images from public.ecr.aws: the generated Dockerfile names its arm64 base there', () => {
    const froms = RuntimeTemplate.Dockerfile!.split('\n').filter((line) => line.startsWith('FROM '));
    expect(froms).toEqual(['FROM --platform=linux/arm64 public.ecr.aws/docker/library/node:22-slim']);
  });

  it('creates the repository with the stack lifecycle policy on first use', () => {
    const preBuild = spec.phases.pre_build?.commands.join('\n') ?? '';
    expect(preBuild).toMatch(/aws ecr create-repository --repository-name "\$REPO_NAME"/);
    expect(preBuild).toMatch(
      /aws ecr put-lifecycle-policy --repository-name "\$REPO_NAME" --lifecycle-policy-text "\$ECR_LIFECYCLE_POLICY"/,
    );
  });

  it('logs in to ECR and skips the build when the content-addressed tag exists', () => {
    expect(spec.phases.pre_build?.commands.join('\n')).toMatch(/aws ecr get-login-password/);
    expect(spec.phases.pre_build?.commands.join('\n')).toMatch(
      /describe-images .*imageTag="\$IMAGE_TAG"[\s\S]*BUILD_SKIPPED=true/,
    );
    expect(spec.phases.build?.commands.join('\n')).toMatch(/if \[ "\$BUILD_SKIPPED" != "true" \]/);
  });

  it('reads the digest back from ECR and never uses :latest', () => {
    expect(spec.phases.post_build?.commands.join('\n')).toMatch(
      /export IMAGE_DIGEST=\$\(aws ecr describe-images/,
    );
    expect(text).not.toMatch(/:latest/);
  });
});
