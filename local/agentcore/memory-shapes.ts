import { Patterns } from './runtime-shapes.js';
import { S } from './shape-schema.js';

/** Member patterns of the Memory operations (bedrock-agentcore-control and bedrock-agentcore service models). */
export const MemoryPatterns = {
  memoryName: '[a-zA-Z][a-zA-Z0-9_]{0,47}',
  memoryId: '[a-zA-Z][a-zA-Z0-9-_]{0,99}-[a-zA-Z0-9]{10}',
  /** A data-plane `memoryId` label: the id, or the memory's ARN. */
  memoryIdOrArn:
    '(arn:(aws|aws-cn|aws-us-gov):bedrock-agentcore:[a-z0-9-]+:[0-9]{12}:memory/)?[a-zA-Z][a-zA-Z0-9-_]{0,99}-[a-zA-Z0-9]{10}',
  strategyName: '[a-zA-Z][a-zA-Z0-9_]{0,47}',
  actorId: '[a-zA-Z0-9][a-zA-Z0-9-_/]*(?::[a-zA-Z0-9-_/]+)*[a-zA-Z0-9-_/]*',
  sessionId: '[a-zA-Z0-9][a-zA-Z0-9-_]*',
  namespace: '[a-zA-Z0-9\\-_/]*(\\{(actorId|sessionId|memoryStrategyId)\\}[a-zA-Z0-9\\-_/]*)*',
  metadataValue: '[a-zA-Z0-9\\s._:/=+@-]*',
} as const;

/** Memory statuses (MemoryStatus). */
export const MemoryStatus = {
  Creating: 'CREATING',
  Active: 'ACTIVE',
  Updating: 'UPDATING',
  Failed: 'FAILED',
  Deleting: 'DELETING',
} as const;
export type MemoryStatus = (typeof MemoryStatus)[keyof typeof MemoryStatus];

const tags = S.map(
  S.string({ min: 1, max: 128 }, Patterns.tagValue),
  S.string({ min: 0, max: 256 }, Patterns.tagValue),
  { min: 0, max: 50 },
);
const namespaces = S.list(S.string({ min: 1, max: 1024 }, MemoryPatterns.namespace), { min: 1, max: 1 });
const builtInStrategy = S.struct({
  name: S.required(S.string({}, MemoryPatterns.strategyName)),
  description: S.string({ min: 1, max: 4096 }),
  namespaces,
  namespaceTemplates: namespaces,
});
const strategyList = S.list(
  S.union({
    semanticMemoryStrategy: builtInStrategy,
    summaryMemoryStrategy: builtInStrategy,
    userPreferenceMemoryStrategy: builtInStrategy,
    customMemoryStrategy: S.forbidden('custom strategies are not emulated'),
    episodicMemoryStrategy: S.forbidden('episodic strategies are not emulated'),
  }),
  { min: 0, max: 6 },
);
const payload = S.list(
  S.union({
    conversational: S.struct({
      content: S.required(S.union({ text: S.string({ min: 1, max: 100000 }) })),
      role: S.required(S.enum('ASSISTANT', 'USER', 'TOOL', 'OTHER')),
    }),
    blob: S.document(),
    json: S.document(),
  }),
  { min: 0, max: 100 },
);
const maxResults = S.integer({ min: 1, max: 100 });
const nextToken = S.string({ min: 1, max: 2048 });
const namespaceFilter = S.string({ min: 1, max: 1024 }, '[a-zA-Z0-9\\-_/]*');

/** Request shapes of the Memory operations the emulator serves. */
export const MemoryShapes = {
  CreateMemory: S.struct({
    clientToken: S.string({ min: 1, max: 256 }, Patterns.clientToken),
    name: S.required(S.string({}, MemoryPatterns.memoryName)),
    description: S.string({ min: 1, max: 4096 }),
    encryptionKeyArn: S.string({ min: 1, max: 2048 }),
    memoryExecutionRoleArn: S.string({ min: 1, max: 2048 }, Patterns.roleArn),
    // A memory's events live 7–365 days (a harness's managed memory takes 3–365: harness-shapes.ts).
    eventExpiryDuration: S.required(S.integer({ min: 7, max: 365 })),
    memoryStrategies: strategyList,
    tags,
  }),
  UpdateMemory: S.struct({
    clientToken: S.string({ min: 1, max: 256 }, Patterns.clientToken),
    description: S.string({ min: 1, max: 4096 }),
    eventExpiryDuration: S.integer({ min: 7, max: 365 }),
    memoryExecutionRoleArn: S.string({ min: 1, max: 2048 }, Patterns.roleArn),
    memoryStrategies: S.struct({
      addMemoryStrategies: strategyList,
      modifyMemoryStrategies: S.forbidden('modifying a strategy is not emulated'),
      deleteMemoryStrategies: S.list(
        S.struct({ memoryStrategyId: S.required(S.string({ min: 1, max: 100 })) }),
        { min: 0, max: 6 },
      ),
    }),
  }),
  CreateEvent: S.struct({
    actorId: S.required(S.string({ min: 1, max: 255 }, MemoryPatterns.actorId)),
    sessionId: S.string({ min: 1, max: 100 }, MemoryPatterns.sessionId),
    eventTimestamp: S.required(S.float()),
    payload: S.required(payload),
    branch: S.struct({
      name: S.required(S.string({}, '[a-zA-Z0-9][a-zA-Z0-9-_]*')),
      rootEventId: S.string(),
    }),
    clientToken: S.string({ min: 1, max: 256 }),
    metadata: S.map(
      S.string({ min: 1, max: 128 }, MemoryPatterns.metadataValue),
      S.union({ stringValue: S.string({ min: 0, max: 256 }, MemoryPatterns.metadataValue) }),
      { min: 0, max: 15 },
    ),
    extractionMode: S.enum('SKIP'),
  }),
  ListEvents: S.struct({
    includePayloads: S.boolean(),
    filter: S.document(),
    maxResults,
    nextToken,
  }),
  RetrieveMemoryRecords: S.struct({
    namespace: namespaceFilter,
    namespacePath: namespaceFilter,
    searchCriteria: S.required(
      S.struct({
        searchQuery: S.required(S.string({ min: 1, max: 10000 })),
        memoryStrategyId: S.string({ min: 0, max: 100 }),
        topK: S.integer({ min: 1, max: 100 }),
        metadataFilters: S.document(),
      }),
    ),
    maxResults,
    nextToken,
  }),
  ListMemoryRecords: S.struct({
    namespace: namespaceFilter,
    namespacePath: namespaceFilter,
    memoryStrategyId: S.string({ min: 0, max: 100 }),
    maxResults,
    nextToken,
    metadataFilters: S.document(),
  }),
  ListMemories: S.struct({ maxResults, nextToken }),
} as const;
