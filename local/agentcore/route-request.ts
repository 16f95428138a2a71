import type { OperationHandler } from './emulator-context.js';
import {
  createHarnessEndpoint,
  deleteHarnessEndpoint,
  getHarnessEndpoint,
  listHarnessEndpoints,
  updateHarnessEndpoint,
} from './harness-endpoint-operations.js';
import {
  createHarness,
  deleteHarness,
  getHarness,
  listHarnesses,
  listHarnessVersions,
  updateHarness,
} from './harness-operations.js';
import { invokeAgentRuntime } from './invoke-agent-runtime.js';
import { invokeHarness } from './invoke-harness.js';
import {
  createEvent,
  listEvents,
  listMemoryRecords,
  retrieveMemoryRecords,
} from './memory-data-operations.js';
import { createMemory, deleteMemory, getMemory, listMemories, updateMemory } from './memory-operations.js';
import {
  createAgentRuntimeEndpoint,
  deleteAgentRuntimeEndpoint,
  getAgentRuntimeEndpoint,
  listAgentRuntimeEndpoints,
  updateAgentRuntimeEndpoint,
} from './runtime-endpoint-operations.js';
import {
  createAgentRuntime,
  deleteAgentRuntime,
  getAgentRuntime,
  listAgentRuntimes,
  listAgentRuntimeVersions,
  updateAgentRuntime,
} from './runtime-operations.js';
import { stopRuntimeSession } from './stop-runtime-session.js';
import { listTagsForResource, tagResource, untagResource } from './tag-operations.js';

interface Route {
  readonly method: string;
  readonly path: RegExp;
  readonly operation: string;
  readonly handler: OperationHandler;
}

/** The emulator's routes, matched on the raw (still percent-encoded) path (agentcore-api.md §14). */
const routes: readonly Route[] = [
  {
    method: 'POST',
    path: /^\/runtimes\/([^/]+)\/invocations$/,
    operation: 'InvokeAgentRuntime',
    handler: invokeAgentRuntime,
  },
  {
    method: 'POST',
    path: /^\/runtimes\/([^/]+)\/stopruntimesession$/,
    operation: 'StopRuntimeSession',
    handler: stopRuntimeSession,
  },
  { method: 'POST', path: /^\/harnesses\/invoke$/, operation: 'InvokeHarness', handler: invokeHarness },
  { method: 'PUT', path: /^\/runtimes\/$/, operation: 'CreateAgentRuntime', handler: createAgentRuntime },
  { method: 'POST', path: /^\/runtimes\/$/, operation: 'ListAgentRuntimes', handler: listAgentRuntimes },
  { method: 'GET', path: /^\/runtimes\/([^/]+)\/$/, operation: 'GetAgentRuntime', handler: getAgentRuntime },
  {
    method: 'PUT',
    path: /^\/runtimes\/([^/]+)\/$/,
    operation: 'UpdateAgentRuntime',
    handler: updateAgentRuntime,
  },
  {
    method: 'DELETE',
    path: /^\/runtimes\/([^/]+)\/$/,
    operation: 'DeleteAgentRuntime',
    handler: deleteAgentRuntime,
  },
  {
    method: 'POST',
    path: /^\/runtimes\/([^/]+)\/versions\/$/,
    operation: 'ListAgentRuntimeVersions',
    handler: listAgentRuntimeVersions,
  },
  {
    method: 'PUT',
    path: /^\/runtimes\/([^/]+)\/runtime-endpoints\/$/,
    operation: 'CreateAgentRuntimeEndpoint',
    handler: createAgentRuntimeEndpoint,
  },
  {
    method: 'POST',
    path: /^\/runtimes\/([^/]+)\/runtime-endpoints\/$/,
    operation: 'ListAgentRuntimeEndpoints',
    handler: listAgentRuntimeEndpoints,
  },
  {
    method: 'GET',
    path: /^\/runtimes\/([^/]+)\/runtime-endpoints\/([^/]+)\/$/,
    operation: 'GetAgentRuntimeEndpoint',
    handler: getAgentRuntimeEndpoint,
  },
  {
    method: 'PUT',
    path: /^\/runtimes\/([^/]+)\/runtime-endpoints\/([^/]+)\/$/,
    operation: 'UpdateAgentRuntimeEndpoint',
    handler: updateAgentRuntimeEndpoint,
  },
  {
    method: 'DELETE',
    path: /^\/runtimes\/([^/]+)\/runtime-endpoints\/([^/]+)\/$/,
    operation: 'DeleteAgentRuntimeEndpoint',
    handler: deleteAgentRuntimeEndpoint,
  },
  { method: 'POST', path: /^\/harnesses$/, operation: 'CreateHarness', handler: createHarness },
  { method: 'GET', path: /^\/harnesses$/, operation: 'ListHarnesses', handler: listHarnesses },
  { method: 'GET', path: /^\/harnesses\/([^/]+)$/, operation: 'GetHarness', handler: getHarness },
  { method: 'PATCH', path: /^\/harnesses\/([^/]+)$/, operation: 'UpdateHarness', handler: updateHarness },
  { method: 'DELETE', path: /^\/harnesses\/([^/]+)$/, operation: 'DeleteHarness', handler: deleteHarness },
  {
    method: 'GET',
    path: /^\/harnesses\/([^/]+)\/versions$/,
    operation: 'ListHarnessVersions',
    handler: listHarnessVersions,
  },
  {
    method: 'POST',
    path: /^\/harnesses\/([^/]+)\/endpoints$/,
    operation: 'CreateHarnessEndpoint',
    handler: createHarnessEndpoint,
  },
  {
    method: 'GET',
    path: /^\/harnesses\/([^/]+)\/endpoints$/,
    operation: 'ListHarnessEndpoints',
    handler: listHarnessEndpoints,
  },
  {
    method: 'GET',
    path: /^\/harnesses\/([^/]+)\/endpoints\/([^/]+)$/,
    operation: 'GetHarnessEndpoint',
    handler: getHarnessEndpoint,
  },
  {
    method: 'PATCH',
    path: /^\/harnesses\/([^/]+)\/endpoints\/([^/]+)$/,
    operation: 'UpdateHarnessEndpoint',
    handler: updateHarnessEndpoint,
  },
  {
    method: 'DELETE',
    path: /^\/harnesses\/([^/]+)\/endpoints\/([^/]+)$/,
    operation: 'DeleteHarnessEndpoint',
    handler: deleteHarnessEndpoint,
  },
  { method: 'POST', path: /^\/memories\/create$/, operation: 'CreateMemory', handler: createMemory },
  { method: 'POST', path: /^\/memories\/$/, operation: 'ListMemories', handler: listMemories },
  { method: 'GET', path: /^\/memories\/([^/]+)\/details$/, operation: 'GetMemory', handler: getMemory },
  { method: 'PUT', path: /^\/memories\/([^/]+)\/update$/, operation: 'UpdateMemory', handler: updateMemory },
  {
    method: 'DELETE',
    path: /^\/memories\/([^/]+)\/delete$/,
    operation: 'DeleteMemory',
    handler: deleteMemory,
  },
  { method: 'POST', path: /^\/memories\/([^/]+)\/events$/, operation: 'CreateEvent', handler: createEvent },
  {
    method: 'POST',
    path: /^\/memories\/([^/]+)\/actor\/([^/]+)\/sessions\/([^/]+)$/,
    operation: 'ListEvents',
    handler: listEvents,
  },
  {
    method: 'POST',
    path: /^\/memories\/([^/]+)\/retrieve$/,
    operation: 'RetrieveMemoryRecords',
    handler: retrieveMemoryRecords,
  },
  {
    method: 'POST',
    path: /^\/memories\/([^/]+)\/memoryRecords$/,
    operation: 'ListMemoryRecords',
    handler: listMemoryRecords,
  },
  { method: 'POST', path: /^\/tags\/(.+)$/, operation: 'TagResource', handler: tagResource },
  { method: 'DELETE', path: /^\/tags\/(.+)$/, operation: 'UntagResource', handler: untagResource },
  { method: 'GET', path: /^\/tags\/(.+)$/, operation: 'ListTagsForResource', handler: listTagsForResource },
];

/** The operation a request addresses, with its percent-decoded path labels, or `undefined` for no route. */
export function routeRequest(
  method: string,
  rawPath: string,
): { operation: string; handler: OperationHandler; params: string[] } | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const match = route.path.exec(rawPath);
    if (match === null) continue;
    return {
      operation: route.operation,
      handler: route.handler,
      params: match.slice(1).map((label) => decodeURIComponent(label)),
    };
  }
  return undefined;
}
