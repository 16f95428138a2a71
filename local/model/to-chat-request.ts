/**
 * Views a Responses API request as a chat-completions request, so one policy serves both APIs:
 * `instructions` → system message, `input` items → user/assistant messages, `function_call` items →
 * assistant tool calls, `function_call_output` items → tool messages, function tools → chat tools.
 */
export function toChatRequest(body: unknown): Record<string, unknown> {
  const request = isRecord(body) ? body : {};
  const messages: Record<string, unknown>[] = [];
  if (typeof request.instructions === 'string' && request.instructions !== '') {
    messages.push({ role: 'system', content: request.instructions });
  }
  const input =
    typeof request.input === 'string' ? [{ role: 'user', content: request.input }] : request.input;
  for (const item of Array.isArray(input) ? input : []) {
    if (!isRecord(item)) continue;
    if (item.type === 'function_call') {
      messages.push({
        role: 'assistant',
        content: '',
        tool_calls: [
          { id: item.call_id, type: 'function', function: { name: item.name, arguments: item.arguments } },
        ],
      });
    } else if (item.type === 'function_call_output') {
      messages.push({ role: 'tool', tool_call_id: item.call_id, content: textOf(item.output) });
    } else if (typeof item.role === 'string') {
      messages.push({ role: item.role, content: textOf(item.content) });
    }
  }
  const tools = (Array.isArray(request.tools) ? request.tools : []).flatMap((tool) =>
    isRecord(tool) && tool.type === 'function' && typeof tool.name === 'string'
      ? [{ type: 'function', function: { name: tool.name, parameters: tool.parameters } }]
      : [],
  );
  return { model: request.model, messages, tools };
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part) => (isRecord(part) && typeof part.text === 'string' ? part.text : '')).join('');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
