import { Command, CommanderError } from 'commander';
import { AgentdropError, errorCode } from '../core/errors.js';
import { registerBuildCommand } from './commands/build.js';
import { registerDestroyCommand } from './commands/destroy.js';
import { registerLocalCommand } from './commands/local.js';
import { registerPlanCommand } from './commands/plan.js';
import { registerPushCommand } from './commands/push.js';
import { registerReceiptCommand } from './commands/receipt.js';
import { registerRedeployCommand } from './commands/redeploy.js';
import { registerRollbackCommand } from './commands/rollback.js';
import { registerSecretsCommand } from './commands/secrets.js';
import { registerStatusCommand } from './commands/status.js';
import { type CliIo, ExitCode, processIo } from './io.js';
import { UsageError } from './usage-error.js';

/**
 * Runs the agentdrop CLI with `argv` (without node and script) and resolves to the exit code.
 * User errors print `code: message` on one line; a stack trace only with `--verbose`.
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let exitCode: number = ExitCode.Ok;
  const program = new Command('agentdrop')
    .description('Deploy agent folders to Amazon Bedrock AgentCore by dropping a zip into S3.')
    .option('--verbose', 'print stack traces of unexpected errors')
    .addHelpText(
      'after',
      '\nExamples:\n  agentdrop push examples/team          deploy the team example to the embedded local cloud\n  agentdrop plan ./my-agent             check a folder offline\n  agentdrop status                      every project and its last deploy\n  agentdrop push ./my-agent --stack agentdrop   deploy to a stack on AWS (see docs/aws.md)\n\nRun `agentdrop <command> --help` for its flags.',
    )
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout(text),
      writeErr: (text) => io.stderr(text),
      outputError: (text, write) => write(`${text.replace(/^error: /, 'usage: ').trimEnd()}\n`),
    });
  const setExit = (code: number): void => {
    exitCode = code;
  };
  registerPlanCommand(program, io, setExit);
  registerBuildCommand(program, io, setExit);
  registerPushCommand(program, io, setExit);
  registerStatusCommand(program, io, setExit);
  registerReceiptCommand(program, io, setExit);
  registerRedeployCommand(program, io, setExit);
  registerRollbackCommand(program, io, setExit);
  registerDestroyCommand(program, io, setExit);
  registerSecretsCommand(program, io, setExit);
  registerLocalCommand(program, io, setExit);

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; parse errors were already printed as one line.
      return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
    }
    if (error instanceof UsageError) {
      io.stderr(`usage: ${error.message}\n`);
      return ExitCode.Usage;
    }
    if (error instanceof AgentdropError) {
      io.stderr(`${errorCode(error)}: ${error.message}\n`);
      return ExitCode.Failed;
    }
    const verbose = program.opts<{ verbose?: boolean }>().verbose === true;
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`Unexpected: ${message}\n`);
    if (verbose && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return ExitCode.Failed;
  }
  return exitCode;
}
