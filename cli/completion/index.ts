export { bashScript } from './bash-script.js';
export { allNodes, type CompletionNode, type CompletionOption, commandTree } from './command-tree.js';
export { fishScript } from './fish-script.js';
export { zshScript } from './zsh-script.js';
