import type { ServerResponse } from 'node:http';
import { type ReplyArgs, splitText, usageOf } from './reply-args.js';

/**
 * Answers `POST /v1/chat/completions`: a `chat.completion` object, or with `stream: true` SSE
 * `chat.completion.chunk` frames (role, content or one tool call, finish reason, optional usage chunk)
 * ending with `data: [DONE]`. One tool call per reply, as Strands' OpenAI adapter aggregates one
 * tool block at a time.
 */
export function writeChatReply(res: ServerResponse, args: ReplyArgs): void {
  const { reply } = args;
  const usage = usageOf(reply);
  const usageJson = {
    prompt_tokens: usage.input,
    completion_tokens: usage.output,
    total_tokens: usage.input + usage.output,
  };
  const toolCall = { id: args.toolCallId, type: 'function', function: { name: '', arguments: '' } };
  if (reply.kind === 'tool') {
    toolCall.function = { name: reply.name, arguments: JSON.stringify(reply.arguments) };
  }
  if (!args.stream) {
    const message =
      reply.kind === 'tool'
        ? { role: 'assistant', content: null, tool_calls: [toolCall] }
        : { role: 'assistant', content: reply.text };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        id: args.id,
        object: 'chat.completion',
        created: 0,
        model: args.model,
        choices: [{ index: 0, message, finish_reason: reply.kind === 'tool' ? 'tool_calls' : 'stop' }],
        usage: usageJson,
      }),
    );
    return;
  }
  const chunk = (delta: Record<string, unknown>, finishReason: string | null): Record<string, unknown> => ({
    id: args.id,
    object: 'chat.completion.chunk',
    created: 0,
    model: args.model,
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  });
  const frames: Record<string, unknown>[] = [];
  if (reply.kind === 'tool') {
    frames.push(
      chunk({ role: 'assistant', content: null }, null),
      chunk({ tool_calls: [{ index: 0, ...toolCall, function: { name: reply.name, arguments: '' } }] }, null),
      chunk({ tool_calls: [{ index: 0, function: { arguments: toolCall.function.arguments } }] }, null),
      chunk({}, 'tool_calls'),
    );
  } else {
    frames.push(chunk({ role: 'assistant', content: '' }, null));
    for (const piece of splitText(reply.text)) frames.push(chunk({ content: piece }, null));
    frames.push(chunk({}, 'stop'));
  }
  if (args.includeUsage) {
    frames.push({
      id: args.id,
      object: 'chat.completion.chunk',
      created: 0,
      model: args.model,
      choices: [],
      usage: usageJson,
    });
  }
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'close',
  });
  for (const frame of frames) res.write(`data: ${JSON.stringify(frame)}\n\n`);
  res.end('data: [DONE]\n\n');
}
