import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import type { ToolCallObservation } from '../../core/receipt/index.js';
import type { ProjectState } from '../../functions/lib/store/index.js';
import {
  checkSessionId,
  type InvokeAnswer,
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
import { readRecordedPlan } from '../target/read-stored-plan.js';
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
        const session = await openSession(sessionFilePath(io, place, project), agent, project, flags);
        if (!flags.json) {
          const about = `with ${project} (${agent.mode}, endpoint ${agent.qualifier})`;
          io.stderr(
            session.fresh
              ? `New session ${session.sessionId} ${about}.\n`
              : `Session ${session.sessionId} ${about}; --new-session starts another.\n`,
          );
        }
        const turn: Turn = { io, target, agent, project, sessionId: session.sessionId };
        if (given !== null) {
          if (flags.json) await answerAsJson(turn, given, session.fresh);
          else await answerStreaming(turn, given);
          setExit(ExitCode.Ok);
          return;
        }
        io.stderr('Type a prompt and press Enter; Ctrl-D ends the chat.\n');
        let failed = false;
        for await (const line of chatLines('you> ')) {
          if (line.trim() === '') continue;
          try {
            await answerStreaming(turn, line.trim());
          } catch (error) {
            // A failed answer does not end the chat; it is reported and the exit code remembers it.
            if (!(error instanceof InvokeFailed)) throw error;
            io.stderr(`${error.name}: ${error.message}\n`);
            failed = true;
          }
        }
        setExit(failed ? ExitCode.Failed : ExitCode.Ok);
      });
    });
}

/** One prompt's context: where it goes and in which session. */
interface Turn {
  readonly io: CliIo;
  readonly target: DeployTarget;
  readonly agent: DeployedAgent;
  readonly project: string;
  readonly sessionId: string;
}

/**
 * The session of this call: `--session`, else the remembered one of the same resource (unless
 * `--new-session`), else a new one; remembered for the next call either way.
 */
async function openSession(
  file: string,
  agent: DeployedAgent,
  project: string,
  flags: InvokeFlags,
): Promise<{ sessionId: string; fresh: boolean }> {
  const remembered = flags.newSession ? null : await readSession(file, agent.resourceArn);
  const sessionId = flags.session ?? remembered ?? newSessionId(project);
  await writeSession(file, { sessionId, resourceArn: agent.resourceArn }, new Date());
  return { sessionId, fresh: flags.session === undefined && remembered === null };
}

/** Writes the answer to stdout as it arrives, then the trace to stderr, a line per call. */
async function answerStreaming(turn: Turn, prompt: string): Promise<void> {
  const { io } = turn;
  let streamed = '';
  const answer = await invoke(turn, prompt, (delta) => {
    streamed += delta;
    io.stdout(delta);
  });
  if (streamed !== '' && !streamed.endsWith('\n')) io.stdout('\n');
  for (const call of answer.trace) io.stderr(`${styleFor(io).dim(traceLine(call))}\n`);
  failUnlessAnswered(turn, answer);
}

/** Prints one JSON object once the answer is complete: the reply and its trace. */
async function answerAsJson(turn: Turn, prompt: string, fresh: boolean): Promise<void> {
  const answer = await invoke(turn, prompt, () => undefined);
  failUnlessAnswered(turn, answer);
  const { project, agent, sessionId } = turn;
  const document = {
    project,
    mode: agent.mode,
    qualifier: agent.qualifier,
    sessionId,
    newSession: fresh,
    ...answer,
  };
  turn.io.stdout(`${JSON.stringify(document, null, 2)}\n`);
}

function invoke(turn: Turn, prompt: string, onText: (text: string) => void): Promise<InvokeAnswer> {
  const { agent, sessionId } = turn;
  return invokeAgent(turn.target.agentCore(agent.region), { ...agent, sessionId, prompt }, onText);
}

/** @throws InvokeFailed for an error or an empty reply */
function failUnlessAnswered(turn: Turn, answer: InvokeAnswer): void {
  if (answer.error !== null || answer.reply === null)
    throw new InvokeFailed(turn.project, turn.sessionId, answer.error ?? 'the reply was empty');
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
  const { state } = await requireProject(target, project);
  if (state === null || state.resource.arn === null) throw new ProjectNotDeployed(project);
  // The harness trace names its agent: the plan's entry, else the resource's name.
  const plan = state.mode === 'harness' ? await readRecordedPlan(target, state) : null;
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
