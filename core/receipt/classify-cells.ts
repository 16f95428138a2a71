import { compareCodePoints } from '../diagnostics/index.js';
import type { BuiltinCell } from './prompt-asks-for.js';
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

/** Why a browser or sandbox cell the cloud does not provide stays WIRED (DESIGN §8). */
const UnavailableReason = 'not available on the local cloud';
/** Longest excerpt of a reply, result or error quoted as evidence. */
const MaxExcerptCharacters = 120;

/**
 * Classifies the smoke test's observations into receipt cells (DESIGN §4.6): the resource cell named for what
 * happened to it (`create`, `update`, `recreate` or `replace`), `agent`, then `subagent:<name>` for every
 * subagent at every depth in declared order (and any other subagent the trace shows called), `mcp:<server>`
 * sorted, `skills`, `browser`, `sandbox` when configured. EXERCISED needs a successful call in this run: a
 * capability without one is WIRED, or NOT-PROVEN when the smoke prompt asked for it; a call that failed is
 * FAIL. A browser or sandbox the cloud does not provide at all stays WIRED, saying so, whatever was called.
 */
export function classifyCells(observations: SmokeObservations): Cell[] {
  const cells: Cell[] = [];
  if (observations.decision !== 'skip') cells.push(resourceCell(observations, observations.decision));
  cells.push(agentCell(observations));
  const calledSubagents = observations.toolCalls.flatMap((call) =>
    call.kind === 'subagent' ? [call.target] : [],
  );
  for (const name of new Set([...observations.subagents, ...calledSubagents])) {
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
  if (observations.browser) cells.push(builtinCell(observations, 'browser', 'the browser was not used'));
  if (observations.sandbox) cells.push(builtinCell(observations, 'sandbox', 'the sandbox was not used'));
  return cells;
}

function resourceCell(
  observations: SmokeObservations,
  decision: Exclude<SmokeObservations['decision'], 'skip'>,
): Cell {
  return observations.readyReached
    ? {
        cell: decision,
        state: CellState.Exercised,
        reason: `The resource reached READY in this run (${decision}).`,
        evidence: 'status READY',
      }
    : {
        cell: decision,
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

/**
 * A browser or sandbox cell. Where the cloud does not provide the capability no call can have used it — a
 * failed one proves nothing, nor does one a client answered without the service — so the cell stays WIRED,
 * quoting the first call.
 */
function builtinCell(observations: SmokeObservations, cell: BuiltinCell, idleReason: string): Cell {
  if (!observations.unavailable.includes(cell)) return toolCell(observations, cell, cell, null, idleReason);
  const calls = callsOf(observations, cell, null);
  const first = calls.find((call) => !call.ok) ?? calls[0];
  return {
    cell,
    state: CellState.Wired,
    reason:
      first === undefined
        ? `Configured and deployed; ${UnavailableReason}.`
        : `Configured and deployed; ${UnavailableReason}, so no call could use it.`,
    evidence: first === undefined ? null : describeCall(first),
  };
}

function toolCell(
  observations: SmokeObservations,
  cell: string,
  kind: ToolCallKind,
  target: string | null,
  idleReason: string,
): Cell {
  const calls = callsOf(observations, kind, target);
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

function callsOf(
  observations: SmokeObservations,
  kind: ToolCallKind,
  target: string | null,
): ToolCallObservation[] {
  return observations.toolCalls.filter(
    (call) => call.kind === kind && (target === null || call.target === target),
  );
}

/** What was observed of one call: who called which tool at what depth, how it ended, and what it returned. */
function describeCall(call: ToolCallObservation): string {
  const head = `${call.agent} → ${call.tool} (depth ${call.depth}, ${call.ok ? 'ok' : 'error'})`;
  const detail = call.detail?.replace(/\s+/g, ' ').trim() ?? '';
  return detail === '' ? head : `${head}: ${excerpt(detail)}`;
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
  return chars.length <= MaxExcerptCharacters
    ? text
    : `${chars.slice(0, MaxExcerptCharacters - 1).join('')}…`;
}
