import type { CodeBuildClient } from '@aws-sdk/client-codebuild';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { AgentdropError } from '../../core/errors.js';
import { invokeDenied, invokeLocalLambda } from './invoke-local-lambda.js';
import { callDynamoDb, putEvents, startBuildSync } from './service-tasks.js';
import type { DeployHandlers, PublishedEvent, TaskHooks } from './types.js';

/** Which handler serves which function placeholder of the ASL (docs/state-machine.md §2). */
const functionPlaceholders: Readonly<Record<string, keyof DeployHandlers>> = {
  PlanFunctionArn: 'plan',
  HarnessFunctionArn: 'harness',
  RuntimeFunctionArn: 'runtime',
  InvokeFunctionArn: 'invoke',
};

/** What the bound Task handlers call. */
export interface TaskBindingDeps {
  readonly handlers: DeployHandlers;
  readonly substitutions: Readonly<Record<string, string>>;
  readonly dynamodb: DynamoDBClient;
  readonly events: EventBridgeClient;
  /** Absent: a BuildImage state fails with `CodeBuild.NotConfigured`. */
  readonly codebuild: CodeBuildClient | null;
  readonly executionArn: string;
  readonly buildPollMs: number;
  readonly published: PublishedEvent[];
  readonly signal?: AbortSignal;
  /** Lambda faults and start/end callbacks per Task. @default none */
  readonly tasks?: TaskHooks;
}

type TaskHandler = (input: unknown) => Promise<unknown>;
interface StateNode {
  readonly Type?: string;
  readonly Resource?: string;
  readonly Parameters?: { readonly FunctionName?: string };
  readonly Branches?: readonly { readonly States: Record<string, StateNode> }[];
  readonly ItemProcessor?: { readonly States: Record<string, StateNode> };
  readonly Iterator?: { readonly States: Record<string, StateNode> };
}

/**
 * Walks the (unsubstituted) definition and binds every Task by its `Resource` — the interpreter's overrides are
 * keyed by state name (toolchain §5) — to an in-process Lambda or the same API call against an emulator.
 * @throws UnsupportedResource for a Task this runner cannot run, before the run starts.
 */
export function bindTaskHandlers(
  states: Readonly<Record<string, StateNode>>,
  deps: TaskBindingDeps,
): Record<string, TaskHandler> {
  const bound: Record<string, TaskHandler> = {};
  for (const [name, state] of walkStates(states)) {
    if (state.Type !== 'Task') continue;
    bound[name] = withHooks(name, bindTask(name, state, deps), deps.tasks);
  }
  return bound;
}

function bindTask(name: string, state: StateNode, deps: TaskBindingDeps): TaskHandler {
  const resource = state.Resource ?? '';
  if (resource === 'arn:aws:states:::lambda:invoke') {
    const placeholder = /^\$\{([A-Za-z0-9]+)\}$/.exec(state.Parameters?.FunctionName ?? '')?.[1];
    const handlerName = placeholder ? functionPlaceholders[placeholder] : undefined;
    if (!placeholder || !handlerName)
      throw unsupported(name, `lambda:invoke of ${state.Parameters?.FunctionName}`);
    const functionArn = deps.substitutions[placeholder] ?? placeholder;
    return async (input) => {
      const denied = deps.tasks?.authorizeInvoke?.(functionArn);
      if (denied !== undefined) throw invokeDenied(denied);
      return invokeLocalLambda(
        deps.handlers[handlerName],
        functionArn,
        input,
        deps.tasks?.faults?.take(name),
        deps.tasks?.lambdaLog,
      );
    };
  }
  const dynamodb = /^arn:aws:states:::dynamodb:(getItem|putItem|updateItem|deleteItem)$/.exec(resource);
  if (dynamodb) return (input) => callDynamoDb(deps.dynamodb, dynamodb[1]!, input as Record<string, unknown>);
  if (resource === 'arn:aws:states:::events:putEvents') {
    return (input) =>
      putEvents(deps.events, input as Record<string, unknown>, deps.executionArn, deps.published);
  }
  if (resource === 'arn:aws:states:::codebuild:startBuild.sync') {
    return async (input) => {
      if (!deps.codebuild)
        throw Object.assign(new Error('No CodeBuild endpoint configured.'), {
          name: 'CodeBuild.NotConfigured',
        });
      return startBuildSync(deps.codebuild, input as Record<string, unknown>, deps.buildPollMs, deps.signal);
    };
  }
  throw unsupported(name, resource);
}

function withHooks(state: string, handler: TaskHandler, hooks: TaskHooks | undefined): TaskHandler {
  if (hooks?.onTaskStart === undefined && hooks?.onTaskEnd === undefined) return handler;
  return async (input) => {
    hooks.onTaskStart?.(state);
    try {
      return await handler(input);
    } finally {
      hooks.onTaskEnd?.(state);
    }
  };
}

function* walkStates(states: Readonly<Record<string, StateNode>>): Generator<[string, StateNode]> {
  for (const [name, state] of Object.entries(states)) {
    yield [name, state];
    for (const branch of state.Branches ?? []) yield* walkStates(branch.States);
    const inner = state.ItemProcessor ?? state.Iterator;
    if (inner) yield* walkStates(inner.States);
  }
}

function unsupported(state: string, resource: string): AgentdropError {
  return new AgentdropError(
    'UnsupportedResource',
    `The local runner cannot run state ${state} (${resource}).`,
    {
      state,
      resource,
    },
  );
}
