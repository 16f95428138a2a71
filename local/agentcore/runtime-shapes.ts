import { S, type Shape } from './shape-schema.js';

/** Member patterns and shapes shared by runtime and harness operations (agentcore-api.md §0.1, §3). */
export const Patterns = {
  runtimeName: '[a-zA-Z][a-zA-Z0-9_]{0,47}',
  runtimeId: '[a-zA-Z][a-zA-Z0-9_]{0,99}-[a-zA-Z0-9]{10}',
  endpointName: '[a-zA-Z][a-zA-Z0-9_]{0,47}',
  version: '[1-9][0-9]{0,4}',
  runtimeArn:
    'arn:aws(-[^:]+)?:bedrock-agentcore:[a-z0-9-]+:[0-9]{12}:runtime/[a-zA-Z][a-zA-Z0-9_]{0,47}-[a-zA-Z0-9]{10}',
  harnessName: '[a-zA-Z][a-zA-Z0-9_]{0,39}',
  harnessId: '[a-zA-Z][a-zA-Z0-9_]{0,39}-[a-zA-Z0-9]{10}',
  harnessArn:
    'arn:([^:]+)?:bedrock-agentcore:[a-z0-9-]+:[0-9]{12}:harness/[a-zA-Z][a-zA-Z0-9_]{0,39}-[a-zA-Z0-9]{10}',
  roleArn: 'arn:aws(-[^:]+)?:iam::([0-9]{12})?:role/.+',
  clientToken: '[a-zA-Z0-9](-*[a-zA-Z0-9]){0,256}',
  tagValue: '[a-zA-Z0-9\\s._:/=+@-]*',
  containerUri:
    '(([0-9]{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?|public\\.ecr\\.aws)/((?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*)(?::([^:@]{1,300}))?(?:@(.+))?',
  mountPath: '/mnt/[a-zA-Z0-9._-]+/?',
  subnetId: 'subnet-[0-9a-zA-Z]{8,17}',
  apiKeyArn:
    'arn:aws:bedrock-agentcore:[a-z0-9-]+:[0-9]{12}:token-vault/[a-zA-Z0-9-.]+/apikeycredentialprovider/[a-zA-Z0-9-.]+',
  scope: '[\\x21\\x23-\\x5B\\x5D-\\x7E]+',
} as const;

/** Runtime, harness and endpoint status values. */
export const Status = {
  Creating: 'CREATING',
  CreateFailed: 'CREATE_FAILED',
  Updating: 'UPDATING',
  UpdateFailed: 'UPDATE_FAILED',
  Ready: 'READY',
  Deleting: 'DELETING',
  DeleteFailed: 'DELETE_FAILED',
} as const;
export type Status = (typeof Status)[keyof typeof Status];

const roleArn = S.string({ min: 1, max: 2048 }, Patterns.roleArn);
const clientToken = S.string({ min: 33, max: 256 }, Patterns.clientToken);
const tags = S.map(
  S.string({ min: 1, max: 128 }, Patterns.tagValue),
  S.string({ min: 0, max: 256 }, Patterns.tagValue),
  { min: 0, max: 50 },
);
const envVars = S.map(S.string({ min: 1, max: 100 }), S.string({ min: 0, max: 5000 }), { min: 0, max: 50 });
const lifecycle = S.struct({
  idleRuntimeSessionTimeout: S.integer({ min: 60, max: 1209600 }),
  maxLifetime: S.integer({ min: 60, max: 1209600 }),
});
const mountPath = S.required(S.string({ min: 6, max: 200 }, Patterns.mountPath));
const filesystems = S.list(
  S.union({
    sessionStorage: S.struct({ mountPath }),
    s3FilesAccessPoint: S.struct({
      accessPointArn: S.required(
        S.string(
          { max: 256 },
          'arn:aws[-a-z]*:s3files:[0-9a-z-:]+:file-system/fs-[0-9a-f]{17,40}/access-point/fsap-[0-9a-f]{17,40}',
        ),
      ),
      mountPath,
    }),
    efsAccessPoint: S.struct({
      accessPointArn: S.required(
        S.string(
          { max: 128 },
          'arn:aws[-a-z]*:elasticfilesystem:[0-9a-z-:]+:access-point/fsap-[0-9a-f]{8,40}',
        ),
      ),
      mountPath,
    }),
    capacityProviderVolume: S.struct({
      volumeName: S.required(S.string({ min: 1, max: 48 }, '[a-zA-Z][a-zA-Z0-9_-]{0,47}')),
      mountPath,
    }),
  }),
  { min: 0, max: 5 },
);

/** NetworkConfiguration; `requireServiceS3Endpoint` is accepted by UpdateAgentRuntime only (§11). */
function network(allowS3Endpoint: boolean): Shape {
  return S.struct({
    networkMode: S.required(S.enum('PUBLIC', 'VPC')),
    networkModeConfig: S.struct({
      securityGroups: S.required(S.list(S.string({}, 'sg-[0-9a-zA-Z]{8,17}'), { min: 1, max: 16 })),
      subnets: S.required(S.list(S.string({}, Patterns.subnetId), { min: 1, max: 16 })),
      requireServiceS3Endpoint: allowS3Endpoint
        ? S.boolean()
        : S.forbidden('Member is accepted by UpdateAgentRuntime only'),
    }),
  });
}

const authorizer = S.union({
  customJWTAuthorizer: S.struct({
    discoveryUrl: S.required(S.string({}, '.+/\\.well-known/openid-configuration')),
    allowedAudience: S.list(S.string(), { min: 1 }),
    allowedClients: S.list(S.string(), { min: 1 }),
    allowedScopes: S.list(S.string({ min: 1, max: 255 }, Patterns.scope), { min: 1 }),
    advertisedScopeMapping: S.map(
      S.string({ min: 1, max: 255 }, Patterns.scope),
      S.string({ min: 1, max: 255 }, Patterns.scope),
      { min: 1, max: 50 },
    ),
    customClaims: S.list(S.document(), { min: 1 }),
    privateEndpoint: S.document(),
    privateEndpointOverrides: S.list(S.document(), { min: 0, max: 5 }),
    allowedWorkloadConfiguration: S.document(),
  }),
});

const containerConfiguration = S.struct({
  containerUri: S.required(S.string({ min: 1, max: 1024 }, Patterns.containerUri)),
});
const artifact = S.union({
  containerConfiguration,
  codeConfiguration: S.struct({
    code: S.required(
      S.union({
        s3: S.struct({
          bucket: S.required(S.string({}, '[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]')),
          prefix: S.required(S.string({ min: 1, max: 1024 })),
          versionId: S.string({ min: 3, max: 1024 }),
        }),
      }),
    ),
    runtime: S.required(
      S.enum('PYTHON_3_10', 'PYTHON_3_11', 'PYTHON_3_12', 'PYTHON_3_13', 'PYTHON_3_14', 'NODE_22'),
    ),
    entryPoint: S.required(S.list(S.string({ min: 1, max: 128 }), { min: 1, max: 2 })),
  }),
});

const runtimeBody = (update: boolean) => ({
  agentRuntimeArtifact: S.required(artifact),
  roleArn: S.required(roleArn),
  networkConfiguration: network(update),
  description: S.string({ min: 1, max: 4096 }),
  authorizerConfiguration: authorizer,
  requestHeaderConfiguration: S.union({
    requestHeaderAllowlist: S.list(S.string({ min: 1, max: 256 }, '[A-Za-z][A-Za-z0-9_-]{0,255}'), {
      min: 1,
      max: 20,
    }),
  }),
  protocolConfiguration: S.struct({ serverProtocol: S.required(S.enum('MCP', 'HTTP', 'A2A', 'AGUI')) }),
  lifecycleConfiguration: lifecycle,
  environmentVariables: envVars,
  filesystemConfigurations: filesystems,
  capacityProviderConfiguration: S.struct({
    capacityProviderArn: S.string(
      {},
      'arn:aws(-[^:]+)?:bedrock-agentcore:[a-z0-9-]+:[0-9]{12}:capacity-provider/[a-zA-Z][a-zA-Z0-9_]{0,47}-[a-zA-Z0-9]{10}',
    ),
  }),
  clientToken,
  platformVersion: S.string(),
});

/** Shared member shapes, reused by the harness shapes. */
export const Common = {
  containerConfiguration,
  roleArn,
  clientToken,
  tags,
  envVars,
  lifecycle,
  filesystems,
  network,
  authorizer,
} as const;

/** Request shapes of the runtime and runtime-endpoint operations (agentcore-api.md §3–§4, §7). */
export const RuntimeShapes = {
  CreateAgentRuntime: S.struct({
    agentRuntimeName: S.required(S.string({}, Patterns.runtimeName)),
    ...runtimeBody(false),
    tags,
  }),
  UpdateAgentRuntime: S.struct({
    ...runtimeBody(true),
    metadataConfiguration: S.struct({ requireMMDSV2: S.required(S.boolean()) }),
  }),
  CreateAgentRuntimeEndpoint: S.struct({
    name: S.required(S.string({}, Patterns.endpointName)),
    agentRuntimeVersion: S.string({ min: 1, max: 5 }, Patterns.version),
    description: S.string({ min: 1, max: 256 }),
    clientToken,
    tags,
  }),
  UpdateAgentRuntimeEndpoint: S.struct({
    agentRuntimeVersion: S.string({ min: 1, max: 5 }, Patterns.version),
    description: S.string({ min: 1, max: 256 }),
    clientToken,
  }),
  TagResource: S.struct({ tags: S.required(tags) }),
} as const;
