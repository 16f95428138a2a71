import type { EmulatorContext } from './emulator-context.js';
import { codeConfigurationOf } from './stage-code-package.js';

export { accessKeyIdOf } from '../http/index.js';

/** One authorization question an AgentCore request raises: `action` on `resource` with `context` keys. */
export interface AgentCoreIamRequest {
  /** `bedrock-agentcore:<Action>`. */
  readonly action: string;
  /** The resource ARN, or `*` for actions without a resource type. */
  readonly resource: string;
  /** Condition keys: `aws:RequestTag/…`, `aws:TagKeys`, `aws:ResourceTag/…`, `iam:PassedToService`. */
  readonly context: Readonly<Record<string, string | readonly string[]>>;
}

/** What the emulator hands its `authorize` hook for one routed request. */
export interface AgentCoreAuthorization {
  /** The access key id of the SigV4 `Authorization` header (`Credential=<AKID>/…`), if signed. */
  readonly accessKeyId: string | undefined;
  readonly operation: string;
  /** Every action/resource pair AWS authorizes the request as (all must be allowed); built only when asked. */
  readonly requests: () => readonly AgentCoreIamRequest[];
}

/** The hook's answer: `undefined` to go on, or the AccessDeniedException message. */
export type AgentCoreAuthorize = (call: AgentCoreAuthorization) => { readonly denied: string } | undefined;

/** The runtime action each Harness action is also authorized as, on the harness ARN (agentcore-api §11). */
const harnessPairs: Readonly<Record<string, string>> = {
  CreateHarness: 'CreateAgentRuntime',
  GetHarness: 'GetAgentRuntime',
  UpdateHarness: 'UpdateAgentRuntime',
  DeleteHarness: 'DeleteAgentRuntime',
  ListHarnesses: 'ListAgentRuntimes',
  ListHarnessVersions: 'ListAgentRuntimeVersions',
  InvokeHarness: 'InvokeAgentRuntime',
  CreateHarnessEndpoint: 'CreateAgentRuntimeEndpoint',
  GetHarnessEndpoint: 'GetAgentRuntimeEndpoint',
  UpdateHarnessEndpoint: 'UpdateAgentRuntimeEndpoint',
  DeleteHarnessEndpoint: 'DeleteAgentRuntimeEndpoint',
  ListHarnessEndpoints: 'ListAgentRuntimeEndpoints',
};

/** Memory operations on one memory (control and data plane), authorized on `memory/<id>`. */
const MemoryOperations = new Set([
  'GetMemory',
  'UpdateMemory',
  'DeleteMemory',
  'CreateEvent',
  'ListEvents',
  'RetrieveMemoryRecords',
  'ListMemoryRecords',
]);

/**
 * The IAM requests an AgentCore operation amounts to (agentcore-api §11): Create*, List* (without a parent) on
 * `*` with `aws:RequestTag/…` and `aws:TagKeys` from the body's tags; operations on a resource on its ARN with
 * `aws:ResourceTag/…` from the stored resource's tags (absent for an unknown resource); Harness operations also
 * as their paired runtime action on the same resource; the Invoke operations on the resource and its endpoint;
 * a create or update that names an execution role, `iam:PassRole` of that role to AgentCore
 * (aws-practices §6.1); and a runtime create or update from a code package, the caller's read of that S3 object
 * (`s3:GetObject`, and `s3:GetObjectVersion` for a pinned version; agentcore-api.md §11).
 */
export function iamRequestsOf(
  ctx: EmulatorContext,
  operation: string,
  params: readonly string[],
  query: URLSearchParams,
  body: Buffer,
): AgentCoreIamRequest[] {
  const passed = passedRole(operation, body);
  return [
    ...operationRequests(ctx, operation, params, query, body),
    ...codePackageReads(operation, body),
    ...(passed === undefined
      ? []
      : [
          {
            action: 'iam:PassRole',
            resource: passed,
            context: { 'iam:PassedToService': 'bedrock-agentcore.amazonaws.com' },
          },
        ]),
  ];
}

/** The role a Create/Update of a harness or runtime passes (`executionRoleArn`, `roleArn`). */
function passedRole(operation: string, body: Buffer): string | undefined {
  if (!/^(Create|Update)(Harness|AgentRuntime)$/.test(operation)) return undefined;
  const role = parsedBody(body)?.[operation.endsWith('Harness') ? 'executionRoleArn' : 'roleArn'];
  return typeof role === 'string' ? role : undefined;
}

/** The S3 reads a Create/UpdateAgentRuntime from a code package makes with the caller's credentials. */
function codePackageReads(operation: string, body: Buffer): AgentCoreIamRequest[] {
  if (operation !== 'CreateAgentRuntime' && operation !== 'UpdateAgentRuntime') return [];
  const s3 = codeConfigurationOf(parsedBody(body)?.agentRuntimeArtifact)?.code?.s3;
  if (typeof s3?.bucket !== 'string' || typeof s3.prefix !== 'string') return [];
  const resource = `arn:aws:s3:::${s3.bucket}/${s3.prefix}`;
  return [
    { action: 's3:GetObject', resource, context: {} },
    ...(s3.versionId === undefined ? [] : [{ action: 's3:GetObjectVersion', resource, context: {} }]),
  ];
}

function operationRequests(
  ctx: EmulatorContext,
  operation: string,
  params: readonly string[],
  query: URLSearchParams,
  body: Buffer,
): AgentCoreIamRequest[] {
  const prefix = `arn:aws:bedrock-agentcore:${ctx.options.region}:${ctx.options.accountId}`;
  const harnessArn = (id: string) => `${prefix}:harness/${id}`;
  const runtimeArn = (id: string) => `${prefix}:runtime/${id}`;
  const on = (action: string, resource: string, context: Record<string, string | readonly string[]>) => [
    { action: `bedrock-agentcore:${action}`, resource, context },
    ...(harnessPairs[action] !== undefined
      ? [{ action: `bedrock-agentcore:${harnessPairs[action]}`, resource, context }]
      : []),
  ];
  const [first = '', second] = params;
  if (operation === 'CreateHarness' || operation === 'CreateAgentRuntime') {
    return on(operation, '*', requestTags(body));
  }
  if (operation === 'ListHarnesses' || operation === 'ListAgentRuntimes') return on(operation, '*', {});
  if (operation === 'CreateMemory') return on(operation, '*', requestTags(body));
  if (operation === 'ListMemories') return on(operation, '*', {});
  if (MemoryOperations.has(operation)) {
    // The data plane names a memory by id or ARN; both authorize on the memory's ARN.
    const id = first.slice(first.lastIndexOf('/') + 1);
    return on(operation, `${prefix}:memory/${id}`, resourceTags(tagsOfArn(ctx, `${prefix}:memory/${id}`)));
  }
  if (operation === 'InvokeHarness') {
    const arn = query.get('harnessArn') ?? '*';
    const endpoint = `${arn}/harness-endpoint/${query.get('qualifier') ?? 'DEFAULT'}`;
    const context = resourceTags(tagsOfArn(ctx, arn));
    return [...on(operation, arn, context), ...on(operation, endpoint, context)];
  }
  if (operation === 'InvokeAgentRuntime' || operation === 'StopRuntimeSession') {
    const arn = first.startsWith('arn:') ? first : runtimeArn(first);
    const endpoint = `${arn}/runtime-endpoint/${query.get('qualifier') ?? 'DEFAULT'}`;
    const context = resourceTags(tagsOfArn(ctx, arn));
    return [...on(operation, arn, context), ...on(operation, endpoint, context)];
  }
  if (/^(TagResource|UntagResource|ListTagsForResource)$/.test(operation)) {
    const context = resourceTags(tagsOfArn(ctx, first));
    return on(operation, first, operation === 'TagResource' ? { ...context, ...requestTags(body) } : context);
  }
  if (/Harness(Endpoint|Version)?s?$/.test(operation)) {
    const harness = ctx.state.harnesses.find((h) => h.id === first);
    const resource =
      second !== undefined ? `${harnessArn(first)}/harness-endpoint/${second}` : harnessArn(first);
    const context = resourceTags(harness?.tags);
    return on(
      operation,
      resource,
      operation.startsWith('Create') ? { ...context, ...requestTags(body) } : context,
    );
  }
  const runtime = ctx.state.runtimes.find((r) => r.id === first);
  const resource =
    second !== undefined ? `${runtimeArn(first)}/runtime-endpoint/${second}` : runtimeArn(first);
  const context = resourceTags(runtime?.tags);
  return on(
    operation,
    resource,
    operation.startsWith('Create') ? { ...context, ...requestTags(body) } : context,
  );
}

function tagsOfArn(ctx: EmulatorContext, arn: string): Record<string, string> | undefined {
  const owner = arn.replace(/\/(runtime|harness)-endpoint\/[^/]+$/, '');
  return (
    ctx.state.harnesses.find((h) => h.arn === owner)?.tags ??
    ctx.state.runtimes.find((r) => r.arn === owner)?.tags ??
    ctx.state.memories.find((m) => m.arn === owner)?.tags
  );
}

function resourceTags(tags: Readonly<Record<string, string>> | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(tags ?? {}).map(([key, value]) => [`aws:ResourceTag/${key}`, value]),
  );
}

/** `aws:RequestTag/…` and `aws:TagKeys` of a JSON body's `tags`; a body that does not parse carries none. */
function requestTags(body: Buffer): Record<string, string | readonly string[]> {
  const tags = parsedBody(body)?.tags;
  if (typeof tags !== 'object' || tags === null) return {};
  const entries = Object.entries(tags).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  );
  return {
    ...Object.fromEntries(entries.map(([key, value]) => [`aws:RequestTag/${key}`, value])),
    ...(entries.length > 0 ? { 'aws:TagKeys': entries.map(([key]) => key) } : {}),
  };
}

/** A JSON body as an object, or undefined when it is empty or does not parse (validation refuses it later). */
function parsedBody(body: Buffer): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = body.length === 0 ? undefined : JSON.parse(body.toString('utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
