/** A receipt cell proven by a built-in tool rather than by a named subagent or MCP server. */
export const BuiltinCell = { Skills: 'skills', Browser: 'browser', Sandbox: 'sandbox' } as const;
export type BuiltinCell = (typeof BuiltinCell)[keyof typeof BuiltinCell];

/** The words by which a smoke prompt asks for a built-in capability (DESIGN §4.6). */
const BuiltinWords: Readonly<Record<BuiltinCell, readonly string[]>> = {
  skills: ['skills', 'skill'],
  browser: ['browser'],
  sandbox: ['sandbox', 'code interpreter'],
};

/**
 * Built-in tools by the name an agent sees: the Strands skills tool, the AgentCore Browser, the Code
 * Interpreter tools of bedrock-agentcore and the harness's own shell and file tools.
 */
const BuiltinTools: ReadonlyMap<string, BuiltinCell> = new Map([
  ['skills', BuiltinCell.Skills],
  ['browser', BuiltinCell.Browser],
  ['agentcore_browser', BuiltinCell.Browser],
  ['shell', BuiltinCell.Sandbox],
  ['file_operations', BuiltinCell.Sandbox],
  ['code_interpreter', BuiltinCell.Sandbox],
  ['executeCode', BuiltinCell.Sandbox],
  ['executeCommand', BuiltinCell.Sandbox],
  ['fileOperations', BuiltinCell.Sandbox],
]);

/** The built-in cell a tool of this name proves, or undefined for any other tool. */
export function builtinCellOf(toolName: string): BuiltinCell | undefined {
  return BuiltinTools.get(toolName);
}

/**
 * Whether `prompt` names `name` as a whole word, ignoring case and treating `-`, `_`, spaces and punctuation
 * alike: `house-style` is named by "the house style skill", `researcher` by "Ask the researcher,".
 */
export function promptNames(prompt: string, name: string): boolean {
  const wanted = words(name);
  return wanted !== '' && ` ${words(prompt)} `.includes(` ${wanted} `);
}

/** Whether `prompt` asks for a built-in capability by one of its words ("sandbox", "code interpreter", …). */
export function promptAsksForBuiltin(prompt: string, cell: BuiltinCell): boolean {
  return BuiltinWords[cell].some((word) => promptNames(prompt, word));
}

/**
 * Whether `prompt` asks for the tool `toolName`: it names the tool, or the tool is a built-in whose
 * capability it asks for. The local cloud's scripted model calls exactly these tools, so a smoke test proves
 * what its prompt asks for and nothing more (DESIGN §4.6: tools may have side effects).
 */
export function promptAsksForTool(prompt: string, toolName: string): boolean {
  if (promptNames(prompt, toolName)) return true;
  const builtin = builtinCellOf(toolName);
  return builtin !== undefined && promptAsksForBuiltin(prompt, builtin);
}

function words(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
