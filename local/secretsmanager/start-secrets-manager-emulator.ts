import { z } from 'zod';
import type { EventBridgeEvent } from '../eventbridge/index.js';
import type { FaultInjector } from '../faults/index.js';
import { createFaultInjector } from '../faults/index.js';
import type { AuthorizeRequest } from '../http/index.js';
import {
  optionalString,
  parseInput,
  requiredString,
  ServiceError,
  startJsonProtocolServer,
} from '../http/index.js';
import { secretChangedEvent } from './secret-changed-event.js';
import type { SecretValue, StoredSecret } from './secret-store.js';
import { SecretStore } from './secret-store.js';

/** Options of {@link startSecretsManagerEmulator}. */
export interface SecretsManagerEmulatorOptions {
  /** Where secrets live (`<dataDir>/secretsmanager/`); the only place values are written. */
  readonly dataDir: string;
  /** @default 'us-west-2' */
  readonly region?: string;
  /** @default '000000000000' */
  readonly accountId?: string;
  /** @default 0 (a free port) */
  readonly port?: number;
  /** @default a new injector */
  readonly faults?: FaultInjector;
  /**
   * Receives the CloudTrail-shaped event of each write that gives a secret a new current version
   * (PutSecretValue), as EventBridge delivers it on AWS. @default none
   */
  readonly onEvent?: (event: EventBridgeEvent) => void;
  /** The local cloud's IAM, asked before each operation (see `JsonProtocolServerOptions.authorize`). @default none */
  readonly authorize?: AuthorizeRequest;
}

/** A running Secrets Manager emulator. */
export interface SecretsManagerEmulator {
  readonly endpoint: string;
  readonly faults: FaultInjector;
  /** The ARN the emulator gives a secret name. */
  arnOf(name: string): string;
  stop(): Promise<void>;
}

const invalid = 'InvalidParameterException';

/**
 * GetSecretValue's members with the service model's constraints: a VersionId is 32–64 characters, so a
 * staging label such as `AWSCURRENT` sent as VersionId is refused, as AWS refuses it.
 */
const GetSecretValueInput = z.object({
  SecretId: z.string().min(1).max(2048),
  VersionId: z.string().min(32).max(64).optional(),
  VersionStage: z.string().min(1).max(256).optional(),
});

/**
 * Starts the Secrets Manager emulator (`secretsmanager.`, JSON 1.1): CreateSecret, PutSecretValue,
 * GetSecretValue, DescribeSecret, ListSecrets and DeleteSecret, with version ids and staging labels.
 * DeleteSecret removes the secret at once (no recovery window), so a name can be reused right away.
 */
export async function startSecretsManagerEmulator(
  options: SecretsManagerEmulatorOptions,
): Promise<SecretsManagerEmulator> {
  const faults = options.faults ?? createFaultInjector();
  const store = new SecretStore(
    options.dataDir,
    options.region ?? 'us-west-2',
    options.accountId ?? '000000000000',
  );

  const server = await startJsonProtocolServer({
    targetPrefix: 'secretsmanager',
    faults,
    ...(options.authorize ? { authorize: options.authorize } : {}),
    // A secret's ARN carries a random suffix: grants on `secret:<prefix>*` are matched against the stored ARN.
    resourcesOf: (operation, input) => {
      if (operation === 'ListSecrets') return ['*'];
      const id = input.SecretId ?? input.Name;
      if (typeof id !== 'string') return ['*'];
      try {
        return [store.get(id).arn];
      } catch {
        return [id.startsWith('arn:') ? id : store.arnOf(id)];
      }
    },
    serverErrorType: 'InternalServiceError',
    port: options.port ?? 0,
    operations: {
      CreateSecret: (input) => {
        const description = optionalString(input, 'Description', invalid);
        const token = optionalString(input, 'ClientRequestToken', invalid);
        const value = readValue(input);
        const { secret, version } = store.create({
          name: requiredString(input, 'Name', invalid),
          ...(description !== undefined ? { description } : {}),
          ...(token !== undefined ? { clientRequestToken: token } : {}),
          ...(value !== undefined ? { value } : {}),
          tags: Array.isArray(input.Tags) ? (input.Tags as { Key: string; Value: string }[]) : [],
        });
        return { ARN: secret.arn, Name: secret.name, ...(version ? { VersionId: version.versionId } : {}) };
      },
      PutSecretValue: (input) => {
        const value = readValue(input);
        if (value === undefined) {
          throw new ServiceError(invalid, 'You must provide either SecretString or SecretBinary.');
        }
        const stages = Array.isArray(input.VersionStages) ? (input.VersionStages as string[]) : undefined;
        const secretId = requiredString(input, 'SecretId', invalid);
        const { secret, version } = store.putValue(
          secretId,
          value,
          optionalString(input, 'ClientRequestToken', invalid),
          stages,
        );
        if (version.stages.includes('AWSCURRENT')) {
          options.onEvent?.(
            secretChangedEvent({
              eventName: 'PutSecretValue',
              secretId,
              arn: secret.arn,
              region: options.region ?? 'us-west-2',
              accountId: options.accountId ?? '000000000000',
              time: new Date(),
            }),
          );
        }
        return {
          ARN: secret.arn,
          Name: secret.name,
          VersionId: version.versionId,
          VersionStages: version.stages,
        };
      },
      GetSecretValue: (input) => {
        const request = parseInput(GetSecretValueInput, input);
        const secret = store.get(request.SecretId);
        const version = store.version(secret, request.VersionId, request.VersionStage);
        return {
          ARN: secret.arn,
          Name: secret.name,
          VersionId: version.versionId,
          ...(version.secretString !== undefined ? { SecretString: version.secretString } : {}),
          ...(version.secretBinary !== undefined ? { SecretBinary: version.secretBinary } : {}),
          VersionStages: version.stages,
          CreatedDate: version.createdAt / 1000,
        };
      },
      DescribeSecret: (input) => describe(store.get(requiredString(input, 'SecretId', invalid))),
      ListSecrets: () => ({
        SecretList: store.list().map((secret) => {
          const { VersionIdsToStages, ...rest } = describe(secret);
          return { ...rest, SecretVersionsToStages: VersionIdsToStages };
        }),
      }),
      DeleteSecret: (input) => {
        const secret = store.delete(requiredString(input, 'SecretId', invalid));
        return { ARN: secret.arn, Name: secret.name, DeletionDate: Date.now() / 1000 };
      },
    },
  });

  return {
    endpoint: server.endpoint,
    faults,
    arnOf: (name) => store.arnOf(name),
    stop: () => server.close(),
  };
}

function readValue(input: Readonly<Record<string, unknown>>): SecretValue | undefined {
  const secretString = optionalString(input, 'SecretString', invalid);
  const secretBinary = optionalString(input, 'SecretBinary', invalid);
  if (secretString === undefined && secretBinary === undefined) return undefined;
  return {
    ...(secretString !== undefined ? { secretString } : {}),
    ...(secretBinary !== undefined ? { secretBinary } : {}),
  };
}

function describe(secret: StoredSecret): {
  ARN: string;
  Name: string;
  Description?: string;
  Tags: readonly { Key: string; Value: string }[];
  CreatedDate: number;
  LastChangedDate: number;
  VersionIdsToStages: Record<string, readonly string[]>;
} {
  const stages: Record<string, readonly string[]> = {};
  for (const version of secret.versions)
    if (version.stages.length > 0) stages[version.versionId] = version.stages;
  return {
    ARN: secret.arn,
    Name: secret.name,
    ...(secret.description !== undefined ? { Description: secret.description } : {}),
    Tags: secret.tags,
    CreatedDate: secret.createdAt / 1000,
    LastChangedDate: secret.lastChangedAt / 1000,
    VersionIdsToStages: stages,
  };
}
