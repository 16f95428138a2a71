import { assertValid } from './assert-valid.js';
import type { EmulatorContext, OperationHandler } from './emulator-context.js';
import { parseJsonObject } from './http-exchange.js';
import { RuntimeShapes } from './runtime-shapes.js';
import { notFound } from './service-error.js';
import { checkShape, S } from './shape-schema.js';

const resourceArnShape = S.string(
  { min: 20, max: 1011 },
  'arn:(?:[^:]+)?:bedrock-agentcore:[a-z0-9-]+:[0-9]{12}:([a-z-]+/[^/]+)(?:/[a-z-]+/[^/]+)*',
);

/** TagResource — `POST /tags/{resourceArn}` → 204 (agentcore-api.md §7). */
export const tagResource: OperationHandler = (ctx, request) => {
  const tags = tagsOf(ctx, request.params[0]!);
  const body = parseJsonObject(request.body);
  assertValid(checkShape(RuntimeShapes.TagResource, body, ''));
  Object.assign(tags, body.tags as Record<string, string>);
  return { status: 204 };
};

/** UntagResource — `DELETE /tags/{resourceArn}?tagKeys=…` → 204. */
export const untagResource: OperationHandler = (ctx, request) => {
  const tags = tagsOf(ctx, request.params[0]!);
  for (const key of request.query.getAll('tagKeys')) delete tags[key];
  return { status: 204 };
};

/** ListTagsForResource — `GET /tags/{resourceArn}` → 200. */
export const listTagsForResource: OperationHandler = (ctx, request) => ({
  status: 200,
  body: { tags: { ...tagsOf(ctx, request.params[0]!) } },
});

/** The live tag map of the runtime, runtime endpoint, harness or memory with this ARN. */
function tagsOf(ctx: EmulatorContext, arn: string): Record<string, string> {
  assertValid(checkShape(resourceArnShape, arn, 'resourceArn'));
  for (const runtime of ctx.state.runtimes) {
    if (runtime.arn === arn) return runtime.tags;
    const endpoint = runtime.endpoints.find((e) => e.arn === arn);
    if (endpoint !== undefined) return endpoint.tags;
  }
  for (const harness of ctx.state.harnesses) {
    if (harness.arn === arn) return harness.tags;
    const endpoint = harness.endpoints.find((e) => e.arn === arn);
    if (endpoint !== undefined) return endpoint.tags;
  }
  const memory = ctx.state.memories.find((m) => m.arn === arn);
  if (memory !== undefined) return memory.tags;
  throw notFound(`Resource ${arn} was not found.`);
}
