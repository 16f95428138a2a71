import type { Command } from 'commander';

/** An option as completion offers it. */
export interface CompletionOption {
  /** Every spelling: `--stack`, and `-h` beside `--help`. */
  readonly names: readonly string[];
  readonly description: string;
  /** Whether a value follows (`--stack <name>`). */
  readonly takesValue: boolean;
  /** The values a value-taking option accepts, when it names them (`--mode`). */
  readonly choices: readonly string[];
}

/** A command as completion offers it: its options, its subcommands, and what its arguments accept. */
export interface CompletionNode {
  readonly name: string;
  /** Names from the root down: `agentdrop secrets set`. */
  readonly path: string;
  readonly description: string;
  readonly options: readonly CompletionOption[];
  readonly commands: readonly CompletionNode[];
  /** Whether the command takes positional arguments (a drop path, a project). */
  readonly takesArguments: boolean;
  /** The values its first argument accepts, when it names them (`completion <shell>`). */
  readonly argumentChoices: readonly string[];
}

/**
 * The command tree as commander holds it (visible commands and options, help included), so every completion
 * script is generated from the same definitions as `--help` and never lists a command by hand.
 */
export function commandTree(command: Command, parentPath = ''): CompletionNode {
  const help = command.createHelp();
  const path = parentPath ? `${parentPath} ${command.name()}` : command.name();
  const args = help.visibleArguments(command);
  return {
    name: command.name(),
    path,
    description: oneLine(command.description()),
    options: help.visibleOptions(command).map((option) => ({
      names: [option.long, option.short].filter((name): name is string => Boolean(name)),
      description: oneLine(option.description),
      takesValue: option.required || option.optional,
      choices: option.argChoices ?? [],
    })),
    commands: help.visibleCommands(command).map((sub) => commandTree(sub, path)),
    takesArguments: command.registeredArguments.length > 0 || args.length > 0,
    argumentChoices: command.registeredArguments[0]?.argChoices ?? [],
  };
}

/** Every node of the tree, the root first. */
export function allNodes(node: CompletionNode): CompletionNode[] {
  return [node, ...node.commands.flatMap(allNodes)];
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
