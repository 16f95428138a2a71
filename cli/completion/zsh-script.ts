import { allNodes, type CompletionNode } from './command-tree.js';

/**
 * A zsh completion script for the tree: subcommands and options with their descriptions, an option's choices,
 * or files. Load with `source <(agentdrop completion zsh)`, or save it as `_agentdrop` in a directory of `$fpath`.
 */
export function zshScript(root: CompletionNode): string {
  const fn = `_${root.name.replace(/[^A-Za-z0-9_]/g, '_')}`;
  const nodes = allNodes(root);
  const descend = nodes
    .slice(1)
    .map((node) => quote(node.path))
    .join('|');
  const valueCases = nodes
    .flatMap((node) =>
      node.options
        .filter((option) => option.takesValue)
        .flatMap((option) =>
          option.names.map(
            (name) =>
              `    (${quote(`${node.path} ${name}`)}) ${
                option.choices.length > 0 ? `compadd -- ${option.choices.map(quote).join(' ')}` : '_files'
              }; return ;;`,
          ),
        ),
    )
    .join('\n');
  const cases = nodes
    .map((node) => {
      const commands = node.commands.map((sub) => quote(`${sub.name}:${sub.description}`)).join(' ');
      const options = node.options
        .flatMap((option) => option.names.map((name) => quote(`${name}:${option.description}`)))
        .join(' ');
      const choices = node.argumentChoices.map(quote).join(' ');
      return `    (${quote(node.path)}) commands=(${commands}); options=(${options}); choices=(${choices}) ;;`;
    })
    .join('\n');
  return `#compdef ${root.name}
# ${root.name} completion for zsh. Load with: source <(${root.name} completion zsh)
${fn}() {
  local cmdpath=${quote(root.name)} i
  for ((i = 2; i < CURRENT; i++)); do
    case "$cmdpath \${words[i]}" in
      (${descend}) cmdpath="$cmdpath \${words[i]}" ;;
    esac
  done
  case "$cmdpath \${words[CURRENT-1]}" in
${valueCases}
  esac
  local -a commands options choices
  case "$cmdpath" in
${cases}
  esac
  if [[ \${words[CURRENT]} == -* ]]; then
    _describe -t options option options
  elif (( \${#commands} )); then
    _describe -t commands command commands
  elif (( \${#choices} )); then
    compadd -a choices
  else
    _files
  fi
}
compdef ${fn} ${root.name}
`;
}

/** Single-quoted for zsh. */
function quote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
