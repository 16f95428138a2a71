import type { Command } from 'commander';
import { AgentdropError } from '../../core/errors.js';
import { type CliIo, ExitCode } from '../io.js';
import { maxEventsPerGroupOf, parseSince } from '../logs/index.js';
import { checkProjectName, requireProject } from '../project-arg.js';
import { formatMs } from '../render/style.js';
import type { DeployTarget } from '../target/deploy-target.js';
import { type TargetFlags, withTargetFlags } from '../target/target-flags.js';
import { withTarget } from '../target/with-target.js';
import {
  readProjectSpans,
  renderTraceTree,
  type Span,
  type SpansRead,
  summarizeTraces,
  type TraceSummary,
  traceTree,
} from '../traces/index.js';
import { UsageError } from '../usage-error.js';

interface TracesFlags extends TargetFlags {
  readonly last?: string;
  readonly since?: string;
  readonly json?: boolean;
}

const DefaultLast = 10;
const DefaultSince = '1d';

/**
 * `agentdrop traces <project> [traceId]`: the agent's recent invocations (trace id, start, duration, tokens, tools,
 * errors), or one invocation's spans as a tree (agent → subagents → tools, model calls), read from the `aws/spans`
 * log group through CloudWatch Logs, on the local cloud as on AWS (CloudWatch Transaction Search): a runtime
 * agent's own spans, and AgentCore's spans of the project's harness or runtime (delivered to X-Ray).
 * @throws InvalidProjectName, ProjectNotFound, TraceNotFound
 */
export function registerTracesCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const command = program
    .command('traces')
    .description("List an agent's recent invocations from its traces, or show one as a tree.")
    .argument('<project>', 'project name')
    .argument('[traceId]', 'trace id of one invocation (32 hex digits): print its spans as a tree')
    .option('--last <n>', `how many invocations to list (default ${DefaultLast})`)
    .option('--since <duration>', `how far back to read spans: 30s, 10m, 2h, 1d (default ${DefaultSince})`)
    .option('--json', 'print the invocations (or the trace) as JSON');
  withTargetFlags(command, 'read')
    .addHelpText(
      'after',
      '\nExamples:\n  agentdrop traces team\n  agentdrop traces team --last 3 --json\n  agentdrop traces team 4bf92f3577b34da6a3ce929d0e0e4736\n\nOn AWS, spans reach aws/spans once CloudWatch Transaction Search is enabled (docs/aws.md).',
    )
    .action(async (project: string, traceId: string | undefined, flags: TracesFlags) => {
      const last = lastOf(flags.last);
      const now = Date.now();
      const since = parseSince(flags.since ?? DefaultSince, now);
      const maxEvents = maxEventsPerGroupOf(io.env);
      if (traceId !== undefined && !/^[0-9a-f]{32}$/.test(traceId)) {
        throw new UsageError(`trace id ${JSON.stringify(traceId)} is not 32 lowercase hex digits`);
      }
      // A bad name is refused before a local cloud starts for it.
      checkProjectName(project, 'argument');
      await withTarget(io, flags, async (target) => {
        const { spans, cutBefore } = await projectSpans(
          target,
          project,
          { startTime: since, now, maxEvents },
          traceId,
        );
        if (cutBefore !== null) io.stderr(cutNotice(maxEvents, cutBefore, traceId === undefined));
        if (traceId === undefined) {
          // A trace that started before the cut may have lost spans to it: only whole traces are listed.
          const whole = summarizeTraces(spans).filter(
            (trace) => cutBefore === null || trace.startedAt >= cutBefore,
          );
          printList(io, project, whole.slice(0, last), flags.json);
        } else printTrace(io, project, traceId, spans, flags.json);
        setExit(ExitCode.Ok);
      });
    });
}

function lastOf(text: string | undefined): number {
  if (text === undefined) return DefaultLast;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 1000)
    throw new UsageError(`--last must be a whole number 1–1000, not ${text}`);
  return n;
}

/**
 * The spans of the project's agent (of one trace when `traceId` is given), read in the region it runs in (where
 * AgentCore exports them); STATE names the deployed resource whose AgentCore spans belong to the project.
 */
async function projectSpans(
  target: DeployTarget,
  project: string,
  window: Parameters<typeof readProjectSpans>[2],
  traceId: string | undefined,
): Promise<SpansRead> {
  const { state } = await requireProject(target, project);
  const logs = await target.logs(state?.region ?? target.region);
  return readProjectSpans(logs, project, window, {
    ...(traceId !== undefined ? { traceId } : {}),
    resourceArn: state?.resource.arn ?? null,
  });
}

/** The one line that says which spans the cap left out. */
function cutNotice(max: number, before: number, listing: boolean): string {
  const at = new Date(before).toISOString();
  return listing
    ? `Only the newest ${max} span events are read: spans before ${at} were left out, and traces started before then are not listed.\n`
    : `Only the newest ${max} span events are read: spans before ${at} were left out.\n`;
}

function printList(
  io: CliIo,
  project: string,
  traces: readonly TraceSummary[],
  json: boolean | undefined,
): void {
  if (json) {
    io.stdout(`${JSON.stringify({ project, traces }, null, 2)}\n`);
    return;
  }
  if (traces.length === 0) {
    io.stderr(`No traces of ${project} yet (invoke it; on AWS, enable CloudWatch Transaction Search).\n`);
    return;
  }
  for (const t of traces) {
    const tokens = t.tokens === null ? '' : `  ${t.tokens.input}→${t.tokens.output} tokens`;
    const tools = t.tools.length === 0 ? '' : `  tools: ${t.tools.join(', ')}`;
    const errors = t.errors.length === 0 ? '' : `  ✗ ${t.errors.length} error(s)`;
    io.stdout(
      `${t.traceId}  ${new Date(t.startedAt).toISOString()}  ${formatMs(t.durationMs)}  ${t.agent ?? '-'}${tokens}${tools}${errors}\n`,
    );
  }
}

function printTrace(
  io: CliIo,
  project: string,
  traceId: string,
  spans: readonly Span[],
  json: boolean | undefined,
): void {
  const own = spans.filter((span) => span.traceId === traceId);
  if (own.length === 0) {
    throw new AgentdropError(
      'TraceNotFound',
      `No spans of trace ${traceId} for ${project} in the window read.`,
      {
        project,
        traceId,
      },
    );
  }
  const roots = traceTree(own);
  if (json) io.stdout(`${JSON.stringify({ project, traceId, roots }, null, 2)}\n`);
  else io.stdout(renderTraceTree(roots, formatMs));
}
