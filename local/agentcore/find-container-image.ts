import { Patterns } from './runtime-shapes.js';
import type { AgentCoreEmulatorOptions, EcrImageRecord } from './types.js';

const uriPattern = new RegExp(`^(?:${Patterns.containerUri})$`);

/** The image behind a `containerUri`, or why AgentCore could not run it. */
export type ContainerImageLookup =
  | { readonly ok: true; readonly image: EcrImageRecord; readonly repository: string }
  | { readonly ok: false; readonly reason: string };

/**
 * Resolves a `containerUri` (`<acct>.dkr.ecr.<region>.amazonaws.com/<repo>[:tag][@digest]`) in the local ECR
 * registry and checks it is a linux/arm64 image, the only platform AgentCore runs (agentcore-api.md §11).
 */
export function findContainerImage(
  ecr: AgentCoreEmulatorOptions['ecr'],
  containerUri: string,
): ContainerImageLookup {
  const match = uriPattern.exec(containerUri);
  if (match === null)
    return { ok: false, reason: `Container URI ${containerUri} is not a valid ECR image URI.` };
  const repository = match[5]!;
  const reference = match[7] ?? match[6] ?? 'latest';
  const image = ecr.findImage(repository, reference);
  if (image === undefined) {
    return {
      ok: false,
      reason: `The specified image identifier does not exist in the repository: ${repository}:${reference} (${containerUri}).`,
    };
  }
  if (image.os !== 'linux' || image.architecture !== 'arm64') {
    return {
      ok: false,
      reason: `Image ${containerUri} is ${image.os}/${image.architecture}; AgentCore Runtime requires a linux/arm64 image.`,
    };
  }
  return { ok: true, image, repository };
}
