import { allNodes, type CompletionNode } from './command-tree.js';

/**
 * A bash completion script for the tree: it walks the words typed so far to the deepest known command, then
 * offers that command's subcommands, its options (after `-`), an option's choices, or files.
 * Load with `source <(agentdrop completion bash)`.
 */
export function bashScript(root: CompletionNode): string {
  const fn = `_${root.name.replace(/[^A-Za-z0-9_]/g, '_')}`;
  const nodes = allNodes(root);
  const descend = nodes
    .slice(1)
    .map((node) => `"${node.path}"`)
    .join('|');
  const cases = nodes
    .map((node) => {
      const words = [
        `commands="${node.commands.map((sub) => sub.name).join(' ')}"`,
        `options="${node.options.flatMap((option) => option.names).join(' ')}"`,
        `choices="${node.argumentChoices.join(' ')}"`,
      ];
      return `    "${node.path}") ${words.join('; ')} ;;`;
    })
    .join('\n');
  const valueCases = nodes
    .flatMap((node) =>
      node.options
        .filter((option) => option.takesValue)
        .flatMap((option) =>
          option.names.map(
            (name) =>
              `    "${node.path} ${name}") ${
                option.choices.length > 0
                  ? `COMPREPLY=($(compgen -W "${option.choices.join(' ')}" -- "$cur")); return ;;`
                  : 'return ;;'
              }`,
          ),
        ),
    )
    .join('\n');
  return `# ${root.name} completion for bash. Load with: source <(${root.name} completion bash)
${fn}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  local path="${root.name}" i
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "$path \${COMP_WORDS[i]}" in
      ${descend}) path="$path \${COMP_WORDS[i]}" ;;
    esac
  done
  case "$path $prev" in
${valueCases}
  esac
  local commands="" options="" choices=""
  case "$path" in
${cases}
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$options" -- "$cur"))
  elif [[ -n "$commands" ]]; then
    COMPREPLY=($(compgen -W "$commands" -- "$cur"))
  elif [[ -n "$choices" ]]; then
    COMPREPLY=($(compgen -W "$choices" -- "$cur"))
  fi
}
complete -o default -F ${fn} ${root.name}
`;
}
