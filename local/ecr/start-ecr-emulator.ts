import type { FaultInjector } from '../faults/index.js';
import { createFaultInjector } from '../faults/index.js';
import type { AuthorizeRequest } from '../http/index.js';
import { ServiceError, startJsonProtocolServer } from '../http/index.js';
import type { EcrImage, EcrRepository, RecordImageInput } from './ecr-registry.js';
import { EcrRegistry } from './ecr-registry.js';

/** Options of {@link startEcrEmulator}. */
export interface EcrEmulatorOptions {
  /** Where the registry state lives (`<dataDir>/ecr/`). */
  readonly dataDir: string;
  /** @default 'us-west-2' */
  readonly region?: string;
  /** @default '000000000000' */
  readonly accountId?: string;
  /** @default 0 (a free port) */
  readonly port?: number;
  /** @default a new injector */
  readonly faults?: FaultInjector;
  /** The local cloud's IAM, asked before each operation (see `JsonProtocolServerOptions.authorize`). @default none */
  readonly authorize?: AuthorizeRequest;
}

/** An image as the AgentCore emulator needs it to validate and run a container URI. */
export interface FoundImage {
  readonly repositoryName: string;
  readonly digest: string;
  readonly architecture: string;
  readonly os: string;
  readonly contextDir: string;
}

/** A running ECR emulator. */
export interface EcrEmulator {
  readonly endpoint: string;
  readonly faults: FaultInjector;
  /** `<account>.dkr.ecr.<region>.amazonaws.com` */
  readonly registryHost: string;
  /** Finds an image by `sha256:…` digest or tag. */
  findImage(repositoryName: string, digestOrTag: string): FoundImage | undefined;
  /** Finds the image a container URI `<host>/<repo>@sha256:…` or `<host>/<repo>:<tag>` names on this registry. */
  findImageByUri(imageUri: string): FoundImage | undefined;
  /** Creates a repository in-process (same rules as CreateRepository). */
  createRepository(repositoryName: string): EcrRepository;
  /** Records a pushed image (what a local build does). */
  recordImage(input: RecordImageInput): EcrImage;
  stop(): Promise<void>;
}

/**
 * Starts the ECR emulator (`AmazonEC2ContainerRegistry_V20150921.`, JSON 1.1): CreateRepository,
 * DescribeRepositories, DescribeImages, with `RepositoryNotFoundException`, `RepositoryAlreadyExistsException`,
 * `ImageNotFoundException` and `InvalidParameterException` as the service answers them.
 */
export async function startEcrEmulator(options: EcrEmulatorOptions): Promise<EcrEmulator> {
  const region = options.region ?? 'us-west-2';
  const accountId = options.accountId ?? '000000000000';
  const faults = options.faults ?? createFaultInjector();
  const registry = new EcrRegistry(options.dataDir, region, accountId);

  const server = await startJsonProtocolServer({
    targetPrefix: 'AmazonEC2ContainerRegistry_V20150921',
    faults,
    serverErrorType: 'ServerException',
    actionPrefix: 'ecr',
    ...(options.authorize ? { authorize: options.authorize } : {}),
    resourcesOf: (operation, input) => {
      const names =
        typeof input.repositoryName === 'string'
          ? [input.repositoryName]
          : Array.isArray(input.repositoryNames)
            ? input.repositoryNames.map(String)
            : [];
      // GetAuthorizationToken and an unfiltered DescribeRepositories act on no one repository.
      if (operation === 'GetAuthorizationToken' || names.length === 0) return ['*'];
      return names.map((name) => `arn:aws:ecr:${region}:${accountId}:repository/${name}`);
    },
    port: options.port ?? 0,
    operations: {
      CreateRepository: (input) => {
        const name = requireName(input.repositoryName);
        const mutability =
          typeof input.imageTagMutability === 'string' ? input.imageTagMutability : undefined;
        const scanning = input.imageScanningConfiguration as { scanOnPush?: unknown } | undefined;
        const repository = registry.createRepository(name, {
          ...(mutability ? { imageTagMutability: mutability } : {}),
          scanOnPush: scanning?.scanOnPush === true,
          tags: Array.isArray(input.tags) ? (input.tags as { Key: string; Value: string }[]) : [],
        });
        return { repository: repositoryOutput(repository, registry.registryId) };
      },
      DescribeRepositories: (input) => {
        const names = Array.isArray(input.repositoryNames) ? (input.repositoryNames as string[]) : undefined;
        const repositories = names === undefined ? registry.list() : names.map((n) => registry.repository(n));
        return { repositories: repositories.map((r) => repositoryOutput(r, registry.registryId)) };
      },
      DescribeImages: (input) => {
        const repositoryName = requireName(input.repositoryName);
        const repository = registry.repository(repositoryName);
        const ids = Array.isArray(input.imageIds)
          ? (input.imageIds as { imageDigest?: string; imageTag?: string }[])
          : undefined;
        const images =
          ids === undefined
            ? repository.images
            : ids.map((id) => {
                const found =
                  (id.imageDigest ? registry.findImage(repositoryName, id.imageDigest) : undefined) ??
                  (id.imageTag && !id.imageDigest
                    ? registry.findImage(repositoryName, id.imageTag)
                    : undefined);
                if (found === undefined || (id.imageTag && !found.tags.includes(id.imageTag))) {
                  throw new ServiceError(
                    'ImageNotFoundException',
                    `The image with imageId {imageDigest:'${id.imageDigest ?? 'null'}', imageTag:'${id.imageTag ?? 'null'}'} does not exist within the repository with name '${repositoryName}' in the registry with id '${registry.registryId}'`,
                  );
                }
                return found;
              });
        return { imageDetails: images.map((image) => imageOutput(image, registry.registryId)) };
      },
    },
  });

  const find = (repositoryName: string, digestOrTag: string): FoundImage | undefined => {
    const image = registry.findImage(repositoryName, digestOrTag);
    return image === undefined
      ? undefined
      : {
          repositoryName,
          digest: image.digest,
          architecture: image.architecture,
          os: image.os,
          contextDir: image.contextDir,
        };
  };

  return {
    endpoint: server.endpoint,
    faults,
    registryHost: registry.registryHost,
    findImage: find,
    findImageByUri(imageUri) {
      const prefix = `${registry.registryHost}/`;
      if (!imageUri.startsWith(prefix)) return undefined;
      const match = /^([^@:]+)(?:@(sha256:[0-9a-f]{64})|:([A-Za-z0-9_.-]+))$/.exec(
        imageUri.slice(prefix.length),
      );
      if (match === null) return undefined;
      return find(match[1]!, match[2] ?? match[3]!);
    },
    createRepository: (repositoryName) => registry.createRepository(repositoryName),
    recordImage: (input) => registry.recordImage(input),
    stop: () => server.close(),
  };
}

function requireName(value: unknown): string {
  if (typeof value !== 'string' || value === '') {
    throw new ServiceError(
      'InvalidParameterException',
      "1 validation error detected: Value null at 'repositoryName' failed to satisfy constraint: Member must not be null",
    );
  }
  return value;
}

function repositoryOutput(repository: EcrRepository, registryId: string): Record<string, unknown> {
  return {
    repositoryArn: repository.repositoryArn,
    registryId,
    repositoryName: repository.repositoryName,
    repositoryUri: repository.repositoryUri,
    createdAt: repository.createdAt / 1000,
    imageTagMutability: repository.imageTagMutability,
    imageScanningConfiguration: { scanOnPush: repository.scanOnPush },
    encryptionConfiguration: { encryptionType: 'AES256' },
  };
}

function imageOutput(image: EcrImage, registryId: string): Record<string, unknown> {
  return {
    registryId,
    repositoryName: image.repositoryName,
    imageDigest: image.digest,
    ...(image.tags.length > 0 ? { imageTags: image.tags } : {}),
    imageSizeInBytes: image.sizeBytes,
    imagePushedAt: image.pushedAt / 1000,
    imageManifestMediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    artifactMediaType: 'application/vnd.docker.container.image.v1+json',
  };
}
