import type { Command } from 'commander';

/** What the conventions every command shares need to know while reporting a failure. */
export interface CliConventions {
  /** Whether `--json` was given: every outcome, failures included, is then one JSON document on stdout. */
  readonly json: boolean;
  /** The command being run (`agentdrop push`), whose `--help` a usage error points at. */
  readonly command: () => string;
}

/**
 * Applies the conventions every command shares to the registered command tree: a usage error is one line that
 * points at the failing command's `--help`, and `--json` anywhere before `--` makes failures JSON too.
 */
export function applyCliConventions(program: Command, argv: readonly string[]): CliConventions {
  let active = program.name();
  const visit = (command: Command, path: string): void => {
    command.configureOutput({
      outputError: (text, write) => {
        active = path;
        write(usageLine(text.replace(/^error: /, ''), path));
      },
    });
    for (const sub of command.commands) visit(sub, `${path} ${sub.name()}`);
  };
  visit(program, program.name());
  program.hook('preAction', (_program, actionCommand) => {
    active = commandPath(actionCommand);
  });
  return { json: jsonRequested(argv), command: () => active };
}

/** `usage: <message> (see agentdrop push --help)`, on one line. */
export function usageLine(message: string, command: string): string {
  return `usage: ${message.trimEnd()} (see ${command} --help)\n`;
}

/** Whether `--json` is among the options (before a `--` that ends them). */
export function jsonRequested(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes('--json');
}

/** The names from the root command down to `command`: `agentdrop secrets set`. */
function commandPath(command: Command): string {
  const names: string[] = [];
  for (let at: Command | null = command; at; at = at.parent) names.unshift(at.name());
  return names.join(' ');
}
