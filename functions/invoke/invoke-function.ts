import {
  BuiltinCell,
  classifyCells,
  McpReachability,
  promptAsksForBuiltin,
  promptNames,
} from '../../core/receipt/index.js';
import type { InvokeInput, SmokeResult } from '../lib/contract.js';
import { SmokeTestFailedError } from '../lib/errors.js';
import type { PipelineDeps } from '../lib/pipeline-deps.js';
import type { PlannedArtifact } from '../lib/planned-artifact.js';
import { type SmokeReply, smokeHarness } from './smoke-harness.js';
import { smokeRuntime } from './smoke-runtime.js';

/** Longest reply kept in the execution document and receipt. */
const MaxReplyCharacters = 500;
const LoopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The smoke test (docs/state-machine.md §2.4): one prompt to the READY resource, its evidence turned
 * into receipt cells. No reply, an error, or a reply that misses `smoke.expect` is SmokeTestFailed.
 */
export function createInvokeFunction(deps: PipelineDeps) {
  return async (event: InvokeInput): Promise<SmokeResult> => {
    const started = deps.now().getTime();
    const { plan: decision, poll } = event;
    const plan = await deps.artifacts.getJson<PlannedArtifact>(decision.artifacts.planKey!);
    // Session ids must be at least 33 characters (DESIGN §6).
    const sessionId = `agentdrop-smoke-${decision.deployId}`.padEnd(33, '0');
    const data = deps.agentCoreFor(plan.region).data;
    let answer: SmokeReply & { unreachableServers?: Set<string> };
    if (plan.mode === 'harness') {
      answer = await smokeHarness(data, {
        harnessArn: poll.resource.arn ?? '',
        sessionId,
        prompt: plan.smoke.prompt,
        agent: plan.root ?? '',
      });
    } else {
      answer = await smokeRuntime(data, {
        agentRuntimeArn: poll.resource.arn ?? '',
        sessionId,
        prompt: plan.smoke.prompt,
      });
    }
    const servers = [
      ...new Map(plan.agents.flatMap((agent) => agent.mcp.map((m) => [m.server, m.url]))).entries(),
    ];
    const cells = classifyCells({
      decision: decision.decision === 'delete' || decision.decision === null ? 'skip' : decision.decision,
      readyReached: poll.status === 'READY',
      reply: answer.reply,
      error: answer.error,
      expect: plan.smoke.expect,
      subagents: subagentsOf(plan),
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
      proofRequested: proofRequested(plan),
      toolCalls: answer.toolCalls,
    });
    const failed = cells.find((cell) => cell.cell === 'agent' && cell.state === 'FAIL');
    if (failed) throw new SmokeTestFailedError(failed.reason.replace(/\.$/, ''), { project: plan.project });
    return {
      cells,
      reply: answer.reply === null ? null : answer.reply.slice(0, MaxReplyCharacters),
      sessionId,
      durationMs: deps.now().getTime() - started,
      emulated: deps.config.emulated,
    };
  };
}

/**
 * Cells the manifest's smoke prompt asks to prove: a subagent or MCP server it names (or one of the server's
 * allowed tools), a built-in it asks for by word ("skills", "browser", "sandbox"), skills when it names a skill.
 * The local cloud's scripted model calls the tools the same words ask for (core/receipt promptAsksForTool).
 * The default prompt asks for none (DESIGN §4.6).
 */
function proofRequested(plan: PlannedArtifact): string[] {
  const prompt = plan.smoke.prompt;
  const cells = [
    ...subagentsOf(plan).flatMap((name) => (promptNames(prompt, name) ? [`subagent:${name}`] : [])),
    ...plan.agents.flatMap((agent) =>
      agent.mcp.flatMap((server) =>
        [server.server, ...(server.allowedTools ?? [])].some((name) => promptNames(prompt, name))
          ? [`mcp:${server.server}`]
          : [],
      ),
    ),
    ...Object.values(BuiltinCell).filter((cell) => promptAsksForBuiltin(prompt, cell)),
    ...(plan.skillBundles.some((skill) => promptNames(prompt, skill.name.split('/').at(-1) ?? ''))
      ? [BuiltinCell.Skills]
      : []),
  ];
  return [...new Set(cells)];
}

/** Every subagent of the team at every depth, breadth first from the entry agent, in declared order. */
function subagentsOf(plan: PlannedArtifact): string[] {
  const byName = new Map(plan.agents.map((agent) => [agent.name, agent]));
  const found: string[] = [];
  const queue = [plan.root ?? ''];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const name of byName.get(next)?.subagents ?? []) {
      if (found.includes(name) || name === plan.root) continue;
      found.push(name);
      queue.push(name);
    }
  }
  return found;
}

function isLoopback(url: string): boolean {
  try {
    return LoopbackHosts.has(new URL(url).hostname);
  } catch {
    return false;
  }
}
