import { allNodes, type CompletionNode } from './command-tree.js';

/**
 * A fish completion script for the tree: one `complete` line per subcommand and option, guarded by the command
 * path typed so far. Load with `agentdrop completion fish | source`, or save it in `~/.config/fish/completions/`.
 */
export function fishScript(root: CompletionNode): string {
  const fn = `__${root.name.replace(/[^A-Za-z0-9_]/g, '_')}_path`;
  const nodes = allNodes(root);
  const lines = [
    `# ${root.name} completion for fish. Load with: ${root.name} completion fish | source`,
    `function ${fn}`,
    `    set -l path ${quote(root.name)}`,
    '    for word in (commandline -opc)[2..-1]',
    '        switch "$path $word"',
    `            case ${nodes
      .slice(1)
      .map((node) => quote(node.path))
      .join(' ')}`,
    '                set path "$path $word"',
    '        end',
    '    end',
    '    echo $path',
    'end',
    `complete -c ${root.name} -f`,
  ];
  for (const node of nodes) {
    const when = `-n ${quote(`test (${fn}) = ${quote(node.path)}`)}`;
    for (const sub of node.commands) {
      lines.push(`complete -c ${root.name} ${when} -a ${quote(sub.name)} -d ${quote(sub.description)}`);
    }
    for (const option of node.options) {
      const spellings = option.names
        .map((name) => (name.startsWith('--') ? `-l ${quote(name.slice(2))}` : `-s ${quote(name.slice(1))}`))
        .join(' ');
      const value =
        option.choices.length > 0
          ? ` -x -a ${quote(option.choices.join(' '))}`
          : option.takesValue
            ? ' -r -F'
            : '';
      lines.push(`complete -c ${root.name} ${when} ${spellings}${value} -d ${quote(option.description)}`);
    }
    if (node.commands.length === 0 && node.argumentChoices.length > 0) {
      lines.push(`complete -c ${root.name} ${when} -a ${quote(node.argumentChoices.join(' '))}`);
    } else if (node.commands.length === 0 && node.takesArguments) {
      lines.push(`complete -c ${root.name} ${when} -F`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Single-quoted for fish (backslash and quote escaped). */
function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
