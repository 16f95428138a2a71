import { Command } from 'commander';
import { applyCliConventions } from './cli-conventions.js';
import { CommandIndex } from './command-index.js';
import { type CliIo, ExitCode, processIo } from './io.js';
import { packageManifest } from './package-root.js';
import { reportFailure } from './report-failure.js';

/**
 * Runs the agentdrop CLI with `argv` (without node and script) and resolves to the exit code.
 * Only the command named in `argv` is loaded (`completion` loads them all: its script covers every command);
 * without one, the help lists every command from {@link CommandIndex}. User errors print `code: message` on one
 * line (with `--json` also one error object on stdout); a stack trace only with `--verbose`.
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let exitCode: number = ExitCode.Ok;
  const program = new Command('agentdrop')
    .description('Deploy agent folders to Amazon Bedrock AgentCore by dropping a zip into S3.')
    .version(packageManifest().version, '-V, --version', 'print the version of agentdrop')
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
  const named = commandNamed(argv);
  if (named === undefined) {
    listCommands(program);
  } else {
    const names = named === 'completion' ? Object.keys(CommandIndex) : [named];
    for (const name of names) (await CommandIndex[name]?.load())?.(program, io, setExit);
  }

  const conventions = applyCliConventions(program, argv);

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    const verbose = program.opts<{ verbose?: boolean }>().verbose === true;
    return reportFailure(error, io, { ...conventions, verbose });
  }
  return exitCode;
}

/** The known command `argv` runs (`help <command>` included), if any: the first word that is not an option. */
function commandNamed(argv: readonly string[]): string | undefined {
  const words = argv.filter((arg) => !arg.startsWith('-'));
  const name = words[0] === 'help' ? words[1] : words[0];
  return name !== undefined && Object.hasOwn(CommandIndex, name) ? name : undefined;
}

/** Every command as a placeholder with its help line, so help and "unknown command" need no command module. */
function listCommands(program: Command): void {
  for (const [name, entry] of Object.entries(CommandIndex)) program.command(name).description(entry.summary);
  const help = program.createHelp();
  program.configureHelp({
    subcommandTerm: (command) => CommandIndex[command.name()]?.term ?? help.subcommandTerm(command),
  });
}
