import { join } from 'node:path';
import { ServiceError } from '../http/index.js';
import { readJsonFile, writeJsonFile } from '../persist/index.js';

/** An image recorded in the local registry by a local build. */
export interface EcrImage {
  readonly repositoryName: string;
  /** `sha256:<hex>` */
  readonly digest: string;
  readonly tags: readonly string[];
  readonly architecture: string;
  readonly os: string;
  /** The extracted build context (holds the compiled agent) the AgentCore emulator runs. */
  readonly contextDir: string;
  readonly sizeBytes: number;
  /** Epoch milliseconds. */
  readonly pushedAt: number;
}

/** A repository of the local registry. */
export interface EcrRepository {
  readonly repositoryName: string;
  readonly repositoryArn: string;
  readonly repositoryUri: string;
  readonly imageTagMutability: string;
  readonly scanOnPush: boolean;
  readonly tags: readonly { readonly Key: string; readonly Value: string }[];
  /** Epoch milliseconds. */
  readonly createdAt: number;
  readonly images: readonly EcrImage[];
}

/** What {@link EcrRegistry.recordImage} needs. */
export interface RecordImageInput {
  readonly repositoryName: string;
  readonly digest: string;
  readonly tag?: string;
  readonly architecture: string;
  readonly os: string;
  readonly contextDir: string;
  readonly sizeBytes: number;
}

const repositoryNamePattern = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

/** The local registry's state, persisted as one JSON file under the data dir. */
export class EcrRegistry {
  private readonly repositories: Map<string, EcrRepository>;
  private readonly path: string;

  constructor(
    dataDir: string,
    private readonly region: string,
    private readonly accountId: string,
  ) {
    this.path = join(dataDir, 'ecr', 'registry.json');
    const saved = readJsonFile<EcrRepository[]>(this.path, []);
    this.repositories = new Map(saved.map((repository) => [repository.repositoryName, repository]));
  }

  /** The registry host, `<account>.dkr.ecr.<region>.amazonaws.com`. */
  get registryHost(): string {
    return `${this.accountId}.dkr.ecr.${this.region}.amazonaws.com`;
  }

  get registryId(): string {
    return this.accountId;
  }

  /** Creates a repository; `RepositoryAlreadyExistsException` when the name is taken. */
  createRepository(
    repositoryName: string,
    settings: {
      imageTagMutability?: string;
      scanOnPush?: boolean;
      tags?: readonly { Key: string; Value: string }[];
    } = {},
    now = Date.now(),
  ): EcrRepository {
    if (
      repositoryName.length < 2 ||
      repositoryName.length > 256 ||
      !repositoryNamePattern.test(repositoryName)
    ) {
      throw new ServiceError(
        'InvalidParameterException',
        `Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular expression '${repositoryNamePattern.source}''`,
      );
    }
    if (this.repositories.has(repositoryName)) {
      throw new ServiceError(
        'RepositoryAlreadyExistsException',
        `The repository with name '${repositoryName}' already exists in the registry with id '${this.accountId}'`,
      );
    }
    const repository: EcrRepository = {
      repositoryName,
      repositoryArn: `arn:aws:ecr:${this.region}:${this.accountId}:repository/${repositoryName}`,
      repositoryUri: `${this.registryHost}/${repositoryName}`,
      imageTagMutability: settings.imageTagMutability ?? 'MUTABLE',
      scanOnPush: settings.scanOnPush ?? false,
      tags: settings.tags ?? [],
      createdAt: now,
      images: [],
    };
    this.repositories.set(repositoryName, repository);
    this.save();
    return repository;
  }

  /** The repository, or `RepositoryNotFoundException`. */
  repository(repositoryName: string): EcrRepository {
    const repository = this.repositories.get(repositoryName);
    if (repository === undefined) {
      throw new ServiceError(
        'RepositoryNotFoundException',
        `The repository with name '${repositoryName}' does not exist in the registry with id '${this.accountId}'`,
      );
    }
    return repository;
  }

  /** Every repository, in creation order. */
  list(): readonly EcrRepository[] {
    return [...this.repositories.values()];
  }

  /** Finds an image by `sha256:…` digest or by tag. */
  findImage(repositoryName: string, digestOrTag: string): EcrImage | undefined {
    const images = this.repositories.get(repositoryName)?.images ?? [];
    return digestOrTag.startsWith('sha256:')
      ? images.find((image) => image.digest === digestOrTag)
      : images.find((image) => image.tags.includes(digestOrTag));
  }

  /**
   * Records a pushed image. A tag moves to the new digest unless the repository is IMMUTABLE, where a tag
   * already on another digest → `ImageTagAlreadyExistsException`, as a real push is rejected.
   */
  recordImage(input: RecordImageInput, now = Date.now()): EcrImage {
    const repository = this.repository(input.repositoryName);
    const holder = input.tag === undefined ? undefined : this.findImage(input.repositoryName, input.tag);
    if (
      holder !== undefined &&
      holder.digest !== input.digest &&
      repository.imageTagMutability === 'IMMUTABLE'
    ) {
      throw new ServiceError(
        'ImageTagAlreadyExistsException',
        `The image tag '${input.tag}' already exists in the '${input.repositoryName}' repository and cannot be overwritten because the repository is immutable.`,
      );
    }
    const existing = repository.images.find((image) => image.digest === input.digest);
    const tags = [...(existing?.tags ?? []), ...(input.tag === undefined ? [] : [input.tag])];
    const image: EcrImage = {
      repositoryName: input.repositoryName,
      digest: input.digest,
      tags: [...new Set(tags)],
      architecture: input.architecture,
      os: input.os,
      contextDir: input.contextDir,
      sizeBytes: input.sizeBytes,
      pushedAt: existing?.pushedAt ?? now,
    };
    const images = repository.images
      .filter((other) => other.digest !== input.digest)
      .map((other) => ({ ...other, tags: other.tags.filter((tag) => tag !== input.tag) }));
    this.repositories.set(input.repositoryName, { ...repository, images: [...images, image] });
    this.save();
    return image;
  }

  private save(): void {
    writeJsonFile(this.path, [...this.repositories.values()]);
  }
}
