import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import type { ToolCallObservation } from '../../core/receipt/index.js';
import type { ProjectState } from '../../functions/lib/store/index.js';
import {
  checkSessionId,
  InvokeFailed,
  invokeAgent,
  newSessionId,
  ProjectNotDeployed,
  promotedEndpoint,
  readSession,
  sessionFilePath,
  writeSession,
} from '../invoke/index.js';
import { type CliIo, ExitCode } from '../io.js';
import { checkProjectName, requireProject } from '../project-arg.js';
import { styleFor } from '../render/style.js';
import type { DeployTarget } from '../target/deploy-target.js';
import { readStoredPlan } from '../target/read-stored-plan.js';
import { resolveTarget } from '../target/resolve-target.js';
import { type TargetFlags, withTargetFlags } from '../target/target-flags.js';
import { withTarget } from '../target/with-target.js';
import { UsageError } from '../usage-error.js';

interface InvokeFlags extends TargetFlags {
  readonly session?: string;
  readonly newSession?: boolean;
  readonly json?: boolean;
}

/** Where `agentdrop invoke` reads prompts from; tests replace these. */
export interface InvokeCommandDeps {
  /** Whether stdin is a terminal (no prompt given: a chat), else a pipe or file the prompt is read from. */
  readonly stdinIsTerminal: boolean;
  /** Reads all of stdin. */
  readonly readStdin: () => Promise<string>;
  /** The lines a person types in a chat, each asked for with `question`; ends at end of input. */
  readonly chatLines: (question: string) => AsyncIterable<string>;
}

/**
 * `agentdrop invoke <project> [prompt]`: sends a prompt to the deployed harness or runtime at the endpoint the
 * pipeline promotes (`live` when STATE names one, else `DEFAULT`) and streams the answer; the session goes on
 * across calls until `--new-session`. No prompt: stdin is read, or on a terminal a chat starts.
 * @throws ProjectNotFound, ProjectNotDeployed, InvokeFailed
 */
export function registerInvokeCommand(
  program: Command,
  io: CliIo,
  setExit: (code: number) => void,
  deps: Partial<InvokeCommandDeps> = {},
): void {
  const stdinIsTerminal = deps.stdinIsTerminal ?? Boolean(process.stdin.isTTY);
  const readStdin = deps.readStdin ?? readAllStdin;
  const chatLines = deps.chatLines ?? terminalLines;
  withTargetFlags(
    program
      .command('invoke')
      .description('Send a prompt to a deployed agent and stream its answer (a chat without a prompt).')
      .argument('<project>', 'project name')
      .argument('[prompt]', 'the prompt (default: stdin, or a chat on a terminal)')
      .option('--session <id>', 'continue this session id (33-100 letters, digits, - and _)')
      .option('--new-session', 'start a new session instead of continuing the last one')
      .option('--json', 'print {reply, error, trace, sessionId, …} as JSON once the answer is complete'),
    'call the agent on',
  )
    .addHelpText(
      'after',
      '\nExamples:\n  agentdrop invoke demo "hi"\n  echo "Summarise our refund policy" | agentdrop invoke support\n  agentdrop invoke team "What protects S3 objects?" --json\n  agentdrop invoke demo --new-session          (a chat on a terminal; Ctrl-D ends it)\n  agentdrop invoke demo "hi" --stack agentdrop --profile prod\n\nExit codes: 0 answered; 1 no answer, an error, or an unknown project; 2 usage error.',
    )
    .action(async (project: string, prompt: string | undefined, flags: InvokeFlags) => {
      checkProjectName(project, 'argument');
      const choice = resolveTarget(flags, io);
      if (flags.session !== undefined) {
        checkSessionId(flags.session);
        if (flags.newSession) throw new UsageError('choose one of --session and --new-session');
      }
      const chat = prompt === undefined && stdinIsTerminal;
      if (chat && flags.json)
        throw new UsageError('--json needs a prompt (an argument or stdin), not a chat');
      const given = prompt ?? (chat ? null : (await readStdin()).trim());
      if (given === '') throw new UsageError('no prompt: give one as an argument or on stdin');
      await withTarget(io, flags, async (target) => {
        const agent = await deployedAgent(target, project);
        const place =
          choice.kind === 'aws' ? { kind: 'aws' as const, stack: choice.stack } : { kind: 'local' as const };
        const file = sessionFilePath(io, place, project);
        const remembered = flags.newSession ? null : await readSession(file, agent.resourceArn);
        const sessionId = flags.session ?? remembered ?? newSessionId(project);
        await writeSession(file, { sessionId, resourceArn: agent.resourceArn }, new Date());
        const fresh = flags.session === undefined && remembered === null;
        if (!flags.json) {
          io.stderr(
            fresh
              ? `New session ${sessionId} with ${project} (${agent.mode}, endpoint ${agent.qualifier}).\n`
              : `Session ${sessionId} with ${project} (${agent.mode}, endpoint ${agent.qualifier}); --new-session starts another.\n`,
          );
        }
        const ask = async (text: string): Promise<boolean> => {
          const client = target.agentCore(agent.region);
          const options = { ...agent, sessionId, prompt: text };
          if (flags.json) {
            const answer = await invokeAgent(client, options, () => undefined);
            if (answer.error !== null || answer.reply === null)
              throw new InvokeFailed(project, sessionId, answer.error ?? 'the reply was empty');
            io.stdout(
              `${JSON.stringify({ project, mode: agent.mode, qualifier: agent.qualifier, sessionId, newSession: fresh, ...answer }, null, 2)}\n`,
            );
            return true;
          }
          let streamed = '';
          const answer = await invokeAgent(client, options, (delta) => {
            streamed += delta;
            io.stdout(delta);
          });
          if (streamed !== '' && !streamed.endsWith('\n')) io.stdout('\n');
          for (const call of answer.trace) io.stderr(`${styleFor(io).dim(traceLine(call))}\n`);
          if (answer.error !== null || answer.reply === null) {
            const error = new InvokeFailed(project, sessionId, answer.error ?? 'the reply was empty');
            if (!chat) throw error;
            io.stderr(`${error.name}: ${error.message}\n`);
            return false;
          }
          return true;
        };
        if (given !== null) {
          await ask(given);
          setExit(ExitCode.Ok);
          return;
        }
        io.stderr('Type a prompt and press Enter; Ctrl-D ends the chat.\n');
        let failed = false;
        for await (const line of chatLines('you> ')) {
          if (line.trim() === '') continue;
          failed = !(await ask(line.trim())) || failed;
        }
        setExit(failed ? ExitCode.Failed : ExitCode.Ok);
      });
    });
}

/** What an invocation needs from STATE and the stored plan. */
interface DeployedAgent {
  readonly mode: ProjectState['mode'];
  readonly region: string;
  readonly resourceArn: string;
  readonly qualifier: string;
  readonly agent: string;
}

async function deployedAgent(target: DeployTarget, project: string): Promise<DeployedAgent> {
  await requireProject(target, project);
  const state = await target.store.state.getState(project);
  if (state === null || state.resource.arn === null) throw new ProjectNotDeployed(project);
  // The harness trace names its agent: the plan's entry, else the resource's name.
  const plan = state.mode === 'harness' ? await readStoredPlan(target, project, state.lastDeployId) : null;
  return {
    mode: state.mode,
    region: state.region,
    resourceArn: state.resource.arn,
    qualifier: promotedEndpoint(state),
    agent: plan?.root ?? state.resource.name,
  };
}

/** `  ↳ editor → researcher (subagent, depth 0, ok)`. */
function traceLine(call: ToolCallObservation): string {
  const what = call.kind === 'other' || call.target === call.tool ? call.kind : `${call.kind} ${call.target}`;
  return `  ↳ ${'  '.repeat(call.depth)}${call.agent} → ${call.tool} (${what}, depth ${call.depth}, ${call.ok ? 'ok' : 'error'})`;
}

async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Lines typed at the terminal, the question on stderr (stdout carries only answers). */
async function* terminalLines(question: string): AsyncIterable<string> {
  const reader = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  // Ctrl-C ends the chat as Ctrl-D does (readline would otherwise only pause the input).
  reader.on('SIGINT', () => reader.close());
  reader.setPrompt(question);
  reader.prompt();
  try {
    for await (const line of reader) {
      yield line;
      reader.prompt();
    }
  } finally {
    reader.close();
    process.stderr.write('\n');
  }
}
