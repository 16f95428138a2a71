import { Common, Patterns } from './runtime-shapes.js';
import { S, type Shape } from './shape-schema.js';

const environmentArtifact = S.union({ containerConfiguration: Common.containerConfiguration });
const apiKeyArn = S.string({}, Patterns.apiKeyArn);
const common = {
  modelId: S.required(S.string({ min: 1 })),
  maxTokens: S.integer({ min: 1 }),
  temperature: S.float({ min: 0, max: 2 }),
  topP: S.float({ min: 0, max: 1 }),
  additionalParams: S.document(),
};
const model = S.union({
  bedrockModelConfig: S.struct({
    ...common,
    apiFormat: S.enum('converse_stream', 'responses', 'chat_completions'),
  }),
  openAiModelConfig: S.struct({
    ...common,
    apiKeyArn: S.required(apiKeyArn),
    apiFormat: S.enum('chat_completions', 'responses'),
    apiBase: S.string(),
  }),
  geminiModelConfig: S.struct({
    ...common,
    apiKeyArn: S.required(apiKeyArn),
    topK: S.integer({ min: 0, max: 500 }),
  }),
  liteLlmModelConfig: S.struct({ ...common, apiKeyArn, apiBase: S.string({ min: 1, max: 16383 }) }),
});
const systemPrompt = S.list(S.union({ text: S.string({ min: 1 }) }));
const toolName = S.string({ min: 1, max: 64 }, '[a-zA-Z0-9_-]+');
const tools = S.list(
  S.struct({
    type: S.required(
      S.enum(
        'remote_mcp',
        'agentcore_browser',
        'agentcore_gateway',
        'inline_function',
        'agentcore_code_interpreter',
      ),
    ),
    name: toolName,
    config: S.union({
      remoteMcp: S.struct({
        url: S.required(S.string({ min: 1, max: 16383 })),
        headers: S.map(S.string({ min: 1, max: 16383 }), S.string({ min: 1, max: 16383 })),
      }),
      agentCoreGateway: S.struct({
        gatewayArn: S.required(
          S.string(
            {},
            'arn:aws(|-cn|-us-gov):bedrock-agentcore:[a-z0-9-]{1,20}:[0-9]{12}:gateway/([0-9a-z][-]?){1,48}-[a-z0-9]{10}',
          ),
        ),
        outboundAuth: S.document(),
      }),
      agentCoreBrowser: S.struct({
        browserArn: S.string(
          {},
          'arn:aws(-[^:]+)?:bedrock-agentcore:[a-z0-9-]+:(aws|[0-9]{12}):browser(-custom)?/(aws\\.browser\\.v1|[a-zA-Z][a-zA-Z0-9_]{0,47}-[a-zA-Z0-9]{10})',
        ),
      }),
      agentCoreCodeInterpreter: S.struct({
        codeInterpreterArn: S.string(
          {},
          'arn:aws(-[^:]+)?:bedrock-agentcore:[a-z0-9-]+:(aws|[0-9]{12}):code-interpreter(-custom)?/(aws\\.codeinterpreter\\.v1|[a-zA-Z][a-zA-Z0-9_]{0,47}-[a-zA-Z0-9]{10})',
        ),
      }),
      inlineFunction: S.struct({
        description: S.required(S.string({ min: 1, max: 4096 })),
        inputSchema: S.required(S.document()),
      }),
    }),
  }),
);
const skills = S.list(
  S.union({
    path: S.string({ min: 1, max: 4096 }),
    s3: S.struct({ uri: S.required(S.string({ min: 5, max: 16383 }, 's3://.*')) }),
    git: S.struct({
      url: S.required(S.string({ min: 8, max: 16383 }, 'https://[^#@]+')),
      path: S.string(),
      auth: S.struct({ credentialArn: S.required(apiKeyArn), username: S.string() }),
    }),
    awsSkills: S.struct({ paths: S.list(S.string({ min: 1, max: 4096 }, '([^*?\\[\\]]|\\*)+')) }),
  }),
);
const allowedTools = S.list(S.string({ min: 1, max: 64 }, '(\\*|@?[^/]+(/[^/]+)?)'));
const memory = S.union({
  agentCoreMemoryConfiguration: S.struct({
    arn: S.required(
      S.string(
        {},
        'arn:aws:bedrock-agentcore:[a-z0-9-]+:[0-9]{12}:memory\\/[a-zA-Z][a-zA-Z0-9-_]{0,99}-[a-zA-Z0-9]{10}',
      ),
    ),
    actorId: S.string(),
    messagesCount: S.integer(),
    retrievalConfig: S.document(),
  }),
  managedMemoryConfiguration: S.struct({
    arn: S.string(),
    strategies: S.list(S.enum('SEMANTIC', 'SUMMARIZATION', 'USER_PREFERENCE', 'EPISODIC'), {
      min: 1,
      max: 4,
    }),
    eventExpiryDuration: S.integer({ min: 3, max: 365 }),
    encryptionKeyArn: S.string(
      { min: 1, max: 2048 },
      'arn:aws(|-cn|-us-gov):kms:[a-zA-Z0-9-]*:[0-9]{12}:key/[a-zA-Z0-9-]{36}',
    ),
  }),
  disabled: S.unit(),
});
const truncation = S.struct({
  strategy: S.required(S.enum('sliding_window', 'summarization', 'none')),
  config: S.union({
    slidingWindow: S.struct({ messagesCount: S.integer() }),
    summarization: S.struct({
      summaryRatio: S.float(),
      preserveRecentMessages: S.integer(),
      summarizationSystemPrompt: S.string(),
    }),
  }),
});
const environment = S.union({
  agentCoreRuntimeEnvironment: S.struct({
    lifecycleConfiguration: Common.lifecycle,
    networkConfiguration: Common.network(false),
    filesystemConfigurations: Common.filesystems,
  }),
});
const hooks = S.list(S.document());
const optional = (shape: Shape): Shape => S.struct({ optionalValue: shape });

const configurable = {
  environment,
  environmentVariables: Common.envVars,
  model,
  systemPrompt,
  tools,
  skills,
  allowedTools,
  truncation,
  maxIterations: S.integer({ min: 1 }),
  maxTokens: S.integer({ min: 1 }),
  timeoutSeconds: S.integer({ min: 1 }),
  hooks,
  clientToken: Common.clientToken,
};

/** Request shapes of the harness operations (agentcore-api.md §5, §9). */
export const HarnessShapes = {
  CreateHarness: S.struct({
    harnessName: S.required(S.string({}, Patterns.harnessName)),
    executionRoleArn: S.required(Common.roleArn),
    environmentArtifact,
    authorizerConfiguration: Common.authorizer,
    memory,
    tags: Common.tags,
    ...configurable,
  }),
  UpdateHarness: S.struct({
    executionRoleArn: Common.roleArn,
    environmentArtifact: optional(environmentArtifact),
    authorizerConfiguration: optional(Common.authorizer),
    memory: optional(memory),
    ...configurable,
  }),
  CreateHarnessEndpoint: S.struct({
    endpointName: S.required(S.string({}, Patterns.endpointName)),
    targetVersion: S.string({ min: 1, max: 5 }, Patterns.version),
    description: S.string({ min: 1, max: 256 }),
    clientToken: Common.clientToken,
    tags: Common.tags,
  }),
  UpdateHarnessEndpoint: S.struct({
    targetVersion: S.string({ min: 1, max: 5 }, Patterns.version),
    description: S.string({ min: 1, max: 256 }),
    clientToken: Common.clientToken,
  }),
  InvokeHarness: S.struct({
    messages: S.required(
      S.list(
        S.struct({
          role: S.required(S.enum('user', 'assistant')),
          content: S.required(
            S.list(
              S.union({
                text: S.string({ min: 1 }),
                toolUse: S.document(),
                toolResult: S.document(),
                reasoningContent: S.document(),
              }),
            ),
          ),
        }),
      ),
    ),
    model,
    systemPrompt,
    tools,
    skills,
    allowedTools,
    maxIterations: S.integer({ min: 1 }),
    maxTokens: S.integer({ min: 1 }),
    timeoutSeconds: S.integer({ min: 1 }),
    actorId: S.string(),
  }),
} as const;
