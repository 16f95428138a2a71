import { Argument, type Command } from 'commander';
import { bashScript, commandTree, fishScript, zshScript } from '../completion/index.js';
import { type CliIo, ExitCode } from '../io.js';

const Shells = { bash: bashScript, zsh: zshScript, fish: fishScript } as const;
type Shell = keyof typeof Shells;

/**
 * `agentdrop completion bash|zsh|fish`: prints a completion script generated from the command tree, so new
 * commands and options complete without editing a list.
 */
export function registerCompletionCommand(
  program: Command,
  io: CliIo,
  setExit: (code: number) => void,
): void {
  program
    .command('completion')
    .description('Print a shell completion script for agentdrop (bash, zsh or fish).')
    .addArgument(new Argument('<shell>', 'the shell').choices(Object.keys(Shells)))
    .option('--json', 'print {shell, script} as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  source <(agentdrop completion bash)          add to ~/.bashrc\n  source <(agentdrop completion zsh)           add to ~/.zshrc (after compinit)\n  agentdrop completion fish > ~/.config/fish/completions/agentdrop.fish',
    )
    .action((shell: Shell, flags: { json?: boolean }) => {
      const script = Shells[shell](commandTree(program));
      io.stdout(flags.json ? `${JSON.stringify({ shell, script }, null, 2)}\n` : script);
      setExit(ExitCode.Ok);
    });
}
