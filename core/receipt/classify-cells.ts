import { compareCodePoints } from '../diagnostics/index.js';
import {
  type Cell,
  CellState,
  McpReachability,
  type SmokeObservations,
  type ToolCallKind,
  type ToolCallObservation,
} from './types.js';

/** Why an MCP server shows no call, by how reachable it was. */
const IdleMcpReasons: Readonly<Record<McpReachability, string>> = {
  [McpReachability.Reachable]: 'not called',
  [McpReachability.OutsideLocalCloud]: 'not reachable from the local cloud',
  [McpReachability.ConnectFailed]: 'the agent could not connect to it',
};

/**
 * Classifies the smoke test's observations into receipt cells (DESIGN §4.6): `create`, `agent`, then
 * `subagent:<name>` in declared order, `mcp:<server>` sorted, `skills`, `browser`, `sandbox` when configured.
 * EXERCISED needs objective evidence from this run; a capability without evidence is WIRED, or NOT-PROVEN when
 * the smoke prompt asked for it; an error is FAIL.
 */
export function classifyCells(observations: SmokeObservations): Cell[] {
  const cells: Cell[] = [];
  if (observations.decision !== 'skip') cells.push(createCell(observations));
  cells.push(agentCell(observations));
  for (const name of observations.subagents) {
    cells.push(
      toolCell(observations, `subagent:${name}`, 'subagent', name, 'the trace shows no call into it'),
    );
  }
  const servers = [...observations.mcpServers].sort((a, b) => compareCodePoints(a.name, b.name));
  for (const server of servers) {
    const idle = IdleMcpReasons[server.reachability];
    const cell = toolCell(observations, `mcp:${server.name}`, 'mcp', server.name, idle);
    // The local cloud cannot prove a server outside it: it stays WIRED even when the prompt asked for it (DESIGN §5.1).
    const unprovable = server.reachability === McpReachability.OutsideLocalCloud;
    cells.push(unprovable && cell.state === CellState.NotProven ? { ...cell, state: CellState.Wired } : cell);
  }
  if (observations.skills)
    cells.push(toolCell(observations, 'skills', 'skills', null, 'no skill was loaded'));
  if (observations.browser)
    cells.push(toolCell(observations, 'browser', 'browser', null, 'the browser was not used'));
  if (observations.sandbox)
    cells.push(toolCell(observations, 'sandbox', 'sandbox', null, 'the sandbox was not used'));
  return cells;
}

function createCell(observations: SmokeObservations): Cell {
  return observations.readyReached
    ? {
        cell: 'create',
        state: CellState.Exercised,
        reason: `The resource reached READY in this run (${observations.decision}).`,
        evidence: 'status READY',
      }
    : {
        cell: 'create',
        state: CellState.Fail,
        reason: 'The resource did not reach READY in this run.',
        evidence: null,
      };
}

function agentCell(observations: SmokeObservations): Cell {
  const fail = (reason: string, evidence: string | null = null): Cell => ({
    cell: 'agent',
    state: CellState.Fail,
    reason,
    evidence,
  });
  if (observations.error !== null) return fail('The smoke test returned an error.', observations.error);
  const reply = observations.reply?.trim() ?? '';
  if (reply.length === 0) return fail('The smoke test got an empty reply.');
  if (observations.expect !== null && !matches(observations.expect, reply)) {
    return fail(`The reply does not match the expected pattern /${observations.expect}/u.`, excerpt(reply));
  }
  const reason =
    observations.expect === null ? 'The agent replied.' : `The reply matches /${observations.expect}/u.`;
  return { cell: 'agent', state: CellState.Exercised, reason, evidence: excerpt(reply) };
}

function toolCell(
  observations: SmokeObservations,
  cell: string,
  kind: ToolCallKind,
  target: string | null,
  idleReason: string,
): Cell {
  const calls = observations.toolCalls.filter(
    (call) => call.kind === kind && (target === null || call.target === target),
  );
  const succeeded = calls.find((call) => call.ok);
  if (succeeded)
    return {
      cell,
      state: CellState.Exercised,
      reason: 'Called during the smoke test.',
      evidence: describeCall(succeeded),
    };
  const failed = calls[0];
  if (failed)
    return {
      cell,
      state: CellState.Fail,
      reason: 'Every call to it failed.',
      evidence: describeCall(failed),
    };
  if (observations.proofRequested.includes(cell)) {
    return {
      cell,
      state: CellState.NotProven,
      reason: `The smoke prompt asked for it, but ${idleReason}.`,
      evidence: null,
    };
  }
  return { cell, state: CellState.Wired, reason: `Configured and deployed; ${idleReason}.`, evidence: null };
}

function describeCall(call: ToolCallObservation): string {
  return `${call.agent} → ${call.tool} (depth ${call.depth}, ${call.ok ? 'ok' : 'error'})`;
}

function matches(pattern: string, reply: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(reply);
  } catch {
    // The planner validated the regex (spec §1.3); an invalid one can match nothing.
    return false;
  }
}

function excerpt(text: string): string {
  const chars = [...text];
  return chars.length <= 120 ? text : `${chars.slice(0, 119).join('')}…`;
}
