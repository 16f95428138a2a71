import { BuiltinCell, builtinCellOf, promptAsksForTool, promptNames } from '../../core/receipt/index.js';
import { availableSkills, deriveArguments } from './derive-arguments.js';

/** What the scripted model answers to one chat-completions request. */
export type ScriptedReply =
  | { readonly kind: 'tool'; readonly name: string; readonly arguments: Record<string, unknown> }
  | { readonly kind: 'text'; readonly text: string };

interface ChatMessageView {
  readonly role: string;
  readonly content: string;
  readonly toolCalls: readonly { readonly id: string; readonly name: string }[];
  readonly toolCallId: string | null;
}

/**
 * The deterministic policy of the scripted model. Looking only at the turn since the last user text message:
 * call the first offered tool the prompt asks for (it names the tool, asks for its built-in capability by
 * word — "skills", "browser", "sandbox": core/receipt promptAsksForTool — or, for the skills tool, names one
 * of the available skills) and that was not yet called in that
 * turn — one call per reply, in offered order, arguments derived from the prompt and the tool's schema; then
 * answer with text quoting each tool result and echoing the prompt. Tools the prompt does not ask for are
 * never called: they may have side effects (DESIGN §4.6). Without a call: `Hello! You said: <prompt>`.
 */
export function decideReply(body: unknown): ScriptedReply {
  const request = isRecord(body) ? body : {};
  const messages = (Array.isArray(request.messages) ? request.messages : []).map(viewMessage);
  const tools = offeredTools(request.tools);
  const systemPrompt = messages
    .filter((m) => m.role === 'system' || m.role === 'developer')
    .map((m) => m.content)
    .join('\n');
  let turnStart = -1;
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i]!;
    if (message.role === 'user' && message.content.length > 0) {
      turnStart = i;
      break;
    }
  }
  const prompt = turnStart >= 0 ? messages[turnStart]!.content : '';
  const turn = messages.slice(turnStart + 1);
  const called = new Map<string, string>();
  for (const message of turn) {
    for (const call of message.toolCalls) called.set(call.id, call.name);
  }
  const calledNames = new Set(called.values());
  const skills = availableSkills(systemPrompt);
  const askedFor = (name: string): boolean =>
    promptAsksForTool(prompt, name) ||
    (builtinCellOf(name) === BuiltinCell.Skills && skills.some((skill) => promptNames(prompt, skill)));
  const next = tools.find((tool) => !calledNames.has(tool.name) && askedFor(tool.name));
  if (next !== undefined) {
    return {
      kind: 'tool',
      name: next.name,
      arguments: deriveArguments(next.parameters, prompt, systemPrompt),
    };
  }
  const results = turn
    .filter((m) => m.role === 'tool')
    .map((m) => `[${called.get(m.toolCallId ?? '') ?? 'tool'}] ${m.content}`);
  if (results.length === 0) return { kind: 'text', text: `Hello! You said: ${prompt}` };
  return { kind: 'text', text: `Tool results:\n${results.join('\n')}\nYou said: ${prompt}` };
}

function offeredTools(tools: unknown): { name: string; parameters: unknown }[] {
  if (!Array.isArray(tools)) return [];
  const out: { name: string; parameters: unknown }[] = [];
  for (const tool of tools) {
    if (!isRecord(tool) || !isRecord(tool.function) || typeof tool.function.name !== 'string') continue;
    out.push({ name: tool.function.name, parameters: tool.function.parameters });
  }
  return out;
}

function viewMessage(raw: unknown): ChatMessageView {
  const message = isRecord(raw) ? raw : {};
  const toolCalls = Array.isArray(message.tool_calls)
    ? message.tool_calls.flatMap((call) =>
        isRecord(call) &&
        typeof call.id === 'string' &&
        isRecord(call.function) &&
        typeof call.function.name === 'string'
          ? [{ id: call.id, name: call.function.name }]
          : [],
      )
    : [];
  return {
    role: typeof message.role === 'string' ? message.role : '',
    content: textOf(message.content),
    toolCalls,
    toolCallId: typeof message.tool_call_id === 'string' ? message.tool_call_id : null,
  };
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part) => (isRecord(part) && typeof part.text === 'string' ? part.text : '')).join('');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
