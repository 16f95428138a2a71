import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { ServiceError } from '../http/index.js';
import { readJsonFile, writeJsonFile } from '../persist/index.js';

/** One version of a secret. The value is kept only in this store's file under the data dir. */
export interface SecretVersion {
  readonly versionId: string;
  readonly secretString?: string;
  /** Base64, as the JSON protocol carries blobs. */
  readonly secretBinary?: string;
  readonly stages: readonly string[];
  /** Epoch milliseconds. */
  readonly createdAt: number;
}

/** A secret with its versions. */
export interface StoredSecret {
  readonly name: string;
  readonly arn: string;
  readonly description?: string;
  readonly tags: readonly { readonly Key: string; readonly Value: string }[];
  readonly createdAt: number;
  readonly lastChangedAt: number;
  readonly versions: readonly SecretVersion[];
}

/** A value to store: exactly one of string or binary. */
export interface SecretValue {
  readonly secretString?: string;
  readonly secretBinary?: string;
}

const namePattern = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
const suffixAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** The Secrets Manager emulator's state, persisted as one JSON file under the data dir. */
export class SecretStore {
  private readonly secrets: Map<string, StoredSecret>;
  private readonly path: string;

  constructor(
    dataDir: string,
    private readonly region: string,
    private readonly accountId: string,
  ) {
    this.path = join(dataDir, 'secretsmanager', 'secrets.json');
    this.secrets = new Map(
      readJsonFile<StoredSecret[]>(this.path, []).map((secret) => [secret.name, secret]),
    );
    // A store written before its file was owner-only is narrowed now, not at its next change.
    if (this.secrets.size > 0) this.save();
  }

  /** The ARN of a secret name: the service appends `-` and 6 characters (here derived from the name). */
  arnOf(name: string): string {
    const digest = createHash('sha256').update(name).digest();
    const suffix = [...digest.subarray(0, 6)]
      .map((byte) => suffixAlphabet[byte % suffixAlphabet.length])
      .join('');
    return `arn:aws:secretsmanager:${this.region}:${this.accountId}:secret:${name}-${suffix}`;
  }

  create(
    input: {
      name: string;
      description?: string;
      tags?: readonly { Key: string; Value: string }[];
      value?: SecretValue;
      clientRequestToken?: string;
    },
    now = Date.now(),
  ): { secret: StoredSecret; version?: SecretVersion } {
    if (!namePattern.test(input.name)) {
      throw new ServiceError(
        'InvalidParameterException',
        'Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!',
      );
    }
    const existing = this.secrets.get(input.name);
    if (existing !== undefined) {
      const version = existing.versions.find((v) => v.versionId === input.clientRequestToken);
      if (version !== undefined && input.value !== undefined && sameValue(version, input.value)) {
        return { secret: existing, version };
      }
      throw new ServiceError(
        'ResourceExistsException',
        `The operation failed because the secret ${input.name} already exists.`,
      );
    }
    const version =
      input.value === undefined
        ? undefined
        : newVersion(input.value, input.clientRequestToken, ['AWSCURRENT'], now);
    const secret: StoredSecret = {
      name: input.name,
      arn: this.arnOf(input.name),
      ...(input.description !== undefined ? { description: input.description } : {}),
      tags: input.tags ?? [],
      createdAt: now,
      lastChangedAt: now,
      versions: version === undefined ? [] : [version],
    };
    this.secrets.set(secret.name, secret);
    this.save();
    return version === undefined ? { secret } : { secret, version };
  }

  /**
   * Adds a version. The same `clientRequestToken` with the same value is idempotent; with another value
   * → `ResourceExistsException`. AWSCURRENT moves to the new version and the old one becomes AWSPREVIOUS.
   */
  putValue(
    secretId: string,
    value: SecretValue,
    clientRequestToken: string | undefined,
    stages: readonly string[] = ['AWSCURRENT'],
    now = Date.now(),
  ): { secret: StoredSecret; version: SecretVersion } {
    const secret = this.get(secretId);
    const existing = secret.versions.find((v) => v.versionId === clientRequestToken);
    if (existing !== undefined) {
      if (sameValue(existing, value)) return { secret, version: existing };
      throw new ServiceError(
        'ResourceExistsException',
        "You can't modify an existing version, you can only create new versions.",
      );
    }
    const version = newVersion(value, clientRequestToken, stages, now);
    const movesCurrent = stages.includes('AWSCURRENT');
    const versions = secret.versions.map((old): SecretVersion => {
      let oldStages = old.stages.filter((stage) => !stages.includes(stage));
      if (movesCurrent) {
        oldStages = oldStages.filter((stage) => stage !== 'AWSPREVIOUS');
        if (old.stages.includes('AWSCURRENT')) oldStages.push('AWSPREVIOUS');
      }
      return { ...old, stages: oldStages };
    });
    const updated: StoredSecret = { ...secret, lastChangedAt: now, versions: [...versions, version] };
    this.secrets.set(secret.name, updated);
    this.save();
    return { secret: updated, version };
  }

  /** The secret named by name, full ARN or partial ARN, or `ResourceNotFoundException`. */
  get(secretId: string): StoredSecret {
    const name = secretId.startsWith('arn:') ? this.nameOfArn(secretId) : secretId;
    const secret = name === undefined ? undefined : this.secrets.get(name);
    if (secret === undefined) {
      throw new ServiceError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
    }
    return secret;
  }

  /** The version by id or stage (AWSCURRENT when neither is given), or `ResourceNotFoundException`. */
  version(secret: StoredSecret, versionId?: string, versionStage?: string): SecretVersion {
    const stage = versionStage ?? (versionId === undefined ? 'AWSCURRENT' : undefined);
    const version = secret.versions.find(
      (v) =>
        (versionId === undefined || v.versionId === versionId) &&
        (stage === undefined || v.stages.includes(stage)),
    );
    if (version === undefined) {
      throw new ServiceError(
        'ResourceNotFoundException',
        versionId !== undefined
          ? `Secrets Manager can't find the specified secret value for VersionId: ${versionId}`
          : `Secrets Manager can't find the specified secret value for staging label: ${stage}`,
      );
    }
    return version;
  }

  list(): readonly StoredSecret[] {
    return [...this.secrets.values()];
  }

  delete(secretId: string): StoredSecret {
    const secret = this.get(secretId);
    this.secrets.delete(secret.name);
    this.save();
    return secret;
  }

  private nameOfArn(arn: string): string | undefined {
    const prefix = `arn:aws:secretsmanager:${this.region}:${this.accountId}:secret:`;
    if (!arn.startsWith(prefix)) return undefined;
    const rest = arn.slice(prefix.length);
    if (this.secrets.has(rest)) return rest; // partial ARN: the name without the suffix
    const name = rest.replace(/-[A-Za-z0-9]{6}$/, '');
    return this.secrets.get(name)?.arn === arn ? name : undefined;
  }

  private save(): void {
    // The only file under the data dir that holds secret values: readable by its owner only.
    writeJsonFile(this.path, [...this.secrets.values()], { ownerOnly: true });
  }
}

function newVersion(
  value: SecretValue,
  clientRequestToken: string | undefined,
  stages: readonly string[],
  now: number,
): SecretVersion {
  if ((value.secretString === undefined) === (value.secretBinary === undefined)) {
    throw new ServiceError(
      'InvalidParameterException',
      'You must provide either SecretString or SecretBinary, but not both.',
    );
  }
  if (
    clientRequestToken !== undefined &&
    (clientRequestToken.length < 32 || clientRequestToken.length > 64)
  ) {
    throw new ServiceError(
      'InvalidParameterException',
      'ClientRequestToken must be between 32 and 64 characters long.',
    );
  }
  return {
    versionId: clientRequestToken ?? randomUUID(),
    ...(value.secretString !== undefined ? { secretString: value.secretString } : {}),
    ...(value.secretBinary !== undefined ? { secretBinary: value.secretBinary } : {}),
    stages: [...stages],
    createdAt: now,
  };
}

function sameValue(version: SecretVersion, value: SecretValue): boolean {
  return version.secretString === value.secretString && version.secretBinary === value.secretBinary;
}
