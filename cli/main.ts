import { Command } from 'commander';
import { applyCliConventions } from './cli-conventions.js';
import { registerBuildCommand } from './commands/build.js';
import { registerCompletionCommand } from './commands/completion.js';
import { registerDestroyCommand } from './commands/destroy.js';
import { registerDiffCommand } from './commands/diff.js';
import { registerInitCommand } from './commands/init.js';
import { registerInvokeCommand } from './commands/invoke.js';
import { registerLocalCommand } from './commands/local.js';
import { registerPlanCommand } from './commands/plan.js';
import { registerPushCommand } from './commands/push.js';
import { registerReceiptCommand } from './commands/receipt.js';
import { registerRedeployCommand } from './commands/redeploy.js';
import { registerSecretsCommand } from './commands/secrets.js';
import { registerStatusCommand } from './commands/status.js';
import { type CliIo, ExitCode, processIo } from './io.js';
import { reportFailure } from './report-failure.js';

/**
 * Runs the agentdrop CLI with `argv` (without node and script) and resolves to the exit code.
 * User errors print `code: message` on one line (with `--json` also one error object on stdout); a stack trace
 * only with `--verbose`.
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
  registerDestroyCommand(program, io, setExit);
  registerSecretsCommand(program, io, setExit);
  registerLocalCommand(program, io, setExit);
  registerCompletionCommand(program, io, setExit);
  registerInitCommand(program, io, setExit);
  registerDiffCommand(program, io, setExit);
  registerInvokeCommand(program, io, setExit);

  const conventions = applyCliConventions(program, argv);

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    const verbose = program.opts<{ verbose?: boolean }>().verbose === true;
    return reportFailure(error, io, { ...conventions, verbose });
  }
  return exitCode;
}
