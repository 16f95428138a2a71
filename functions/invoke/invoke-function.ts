import { UrlHost, urlHost } from '../../core/folder/url-host.js';
import {
  BuiltinCell,
  classifyCells,
  McpReachability,
  requestedCells,
  teamSubagents,
} from '../../core/receipt/index.js';
import { CandidateEndpoint } from '../lib/agentcore/index.js';
import { agentCoreData } from '../lib/clients/agentcore-data.js';
import type { InvokeInput, SmokeResult } from '../lib/contract.js';
import { SmokeTestFailedError } from '../lib/errors.js';
import type { PipelineDeps } from '../lib/pipeline-deps.js';
import type { PlannedArtifact } from '../lib/planned-artifact.js';
import { type SmokeReply, smokeHarness } from './smoke-harness.js';
import { smokeRuntime } from './smoke-runtime.js';

/** Longest reply kept in the execution document and receipt. */
const MaxReplyCharacters = 500;
/** Most tool calls kept in the execution document and receipt (each detail is an excerpt already). */
const MaxTraceCalls = 50;

/**
 * The smoke test (docs/state-machine.md §2.4): one prompt to the new version through the `candidate` endpoint
 * (never `live`, which users call and which moves only after this test passed), its evidence turned
 * into receipt cells. No reply, an error, or a reply that misses `smoke.expect` is SmokeTestFailed.
 */
export function createInvokeFunction(deps: PipelineDeps) {
  return async (event: InvokeInput): Promise<SmokeResult> => {
    const started = deps.now().getTime();
    const { plan: decision, poll } = event;
    const plan = await deps.artifacts.getJson<PlannedArtifact>(decision.artifacts.planKey!);
    // Session ids must be at least 33 characters (DESIGN §6).
    const sessionId = `agentdrop-smoke-${decision.deployId}`.padEnd(33, '0');
    const data = agentCoreData(deps, plan.region);
    let answer: SmokeReply & { unreachableServers?: Set<string>; traceId?: string };
    if (plan.mode === 'harness') {
      answer = await smokeHarness(data, {
        harnessArn: poll.resource.arn ?? '',
        qualifier: CandidateEndpoint,
        sessionId,
        prompt: plan.smoke.prompt,
        agent: plan.root ?? '',
      });
    } else {
      answer = await smokeRuntime(data, {
        agentRuntimeArn: poll.resource.arn ?? '',
        qualifier: CandidateEndpoint,
        sessionId,
        prompt: plan.smoke.prompt,
      });
    }
    const servers = [
      ...new Map(plan.agents.flatMap((agent) => agent.mcp.map((m) => [m.server, m.url]))).entries(),
    ];
    const cells = classifyCells({
      // A rollback never reaches the smoke test (its version passed one already).
      decision:
        decision.decision === 'delete' || decision.decision === 'rollback' || decision.decision === null
          ? 'skip'
          : decision.decision,
      readyReached: poll.status === 'READY',
      reply: answer.reply,
      error: answer.error,
      expect: plan.smoke.expect,
      subagents: teamSubagents(plan.agents, plan.root),
      mcpServers: servers.map(([name, url]) => ({
        name,
        reachability:
          deps.config.emulated && !isLoopback(url)
            ? McpReachability.OutsideLocalCloud
            : answer.unreachableServers?.has(name)
              ? McpReachability.ConnectFailed
              : McpReachability.Reachable,
      })),
      skills: plan.skillBundles.length > 0,
      browser: plan.builtinToolTypes.includes('agentcore_browser'),
      sandbox: plan.mode === 'harness' || plan.builtinToolTypes.includes('agentcore_code_interpreter'),
      // The local cloud has no Browser and no Code Interpreter (DESIGN §8).
      unavailable: deps.config.emulated ? [BuiltinCell.Browser, BuiltinCell.Sandbox] : [],
      proofRequested: requestedCells(
        plan.smoke.prompt,
        plan.agents,
        plan.root,
        plan.skillBundles.map((skill) => skill.name),
      ),
      toolCalls: answer.toolCalls,
    });
    const failed = cells.find((cell) => cell.cell === 'agent' && cell.state === 'FAIL');
    if (failed) throw new SmokeTestFailedError(failed.reason.replace(/\.$/, ''), { project: plan.project });
    return {
      cells,
      reply: answer.reply === null ? null : answer.reply.slice(0, MaxReplyCharacters),
      trace: answer.toolCalls.slice(0, MaxTraceCalls),
      sessionId,
      traceId: answer.traceId ?? null,
      durationMs: deps.now().getTime() - started,
      emulated: deps.config.emulated,
    };
  };
}

/** A loopback MCP URL (spec §3.6, `mcp.local_url`): the only kind the local cloud can reach. */
function isLoopback(url: string): boolean {
  try {
    return urlHost(new URL(url)) === UrlHost.Loopback;
  } catch {
    return false;
  }
}
