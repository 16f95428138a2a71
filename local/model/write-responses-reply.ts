import type { ServerResponse } from 'node:http';
import { type ReplyArgs, splitText, usageOf } from './reply-args.js';

/**
 * Answers `POST /v1/responses` (the Responses API, Strands' OpenAI default): a `response` object, or with
 * `stream: true` SSE events `response.created`, `response.output_item.added`, text or function-call
 * argument deltas and `.done` events, `response.output_item.done` and `response.completed`.
 */
export function writeResponsesReply(res: ServerResponse, args: ReplyArgs): void {
  const { reply } = args;
  const usage = usageOf(reply);
  const itemId = reply.kind === 'tool' ? `fc_${args.id}` : `msg_${args.id}`;
  const item =
    reply.kind === 'tool'
      ? {
          type: 'function_call',
          id: itemId,
          call_id: args.toolCallId,
          name: reply.name,
          arguments: JSON.stringify(reply.arguments),
          status: 'completed',
        }
      : {
          type: 'message',
          id: itemId,
          role: 'assistant',
          status: 'completed',
          content: [{ type: 'output_text', text: reply.text, annotations: [] }],
        };
  const response = (status: string, output: unknown[]): Record<string, unknown> => ({
    id: args.id,
    object: 'response',
    created_at: 0,
    status,
    model: args.model,
    output,
    error: null,
    incomplete_details: null,
    usage:
      status === 'completed'
        ? { input_tokens: usage.input, output_tokens: usage.output, total_tokens: usage.input + usage.output }
        : null,
  });
  if (!args.stream) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        ...response('completed', [item]),
        output_text: reply.kind === 'text' ? reply.text : '',
      }),
    );
    return;
  }
  const events: Record<string, unknown>[] = [
    { type: 'response.created', response: response('in_progress', []) },
  ];
  if (reply.kind === 'tool') {
    events.push(
      {
        type: 'response.output_item.added',
        output_index: 0,
        item: { ...item, arguments: '', status: 'in_progress' },
      },
      {
        type: 'response.function_call_arguments.delta',
        output_index: 0,
        item_id: itemId,
        delta: item.arguments,
      },
      {
        type: 'response.function_call_arguments.done',
        output_index: 0,
        item_id: itemId,
        arguments: item.arguments,
      },
    );
  } else {
    events.push({
      type: 'response.output_item.added',
      output_index: 0,
      item: { ...item, status: 'in_progress', content: [] },
    });
    for (const delta of splitText(reply.text)) {
      events.push({
        type: 'response.output_text.delta',
        output_index: 0,
        content_index: 0,
        item_id: itemId,
        delta,
      });
    }
    events.push({
      type: 'response.output_text.done',
      output_index: 0,
      content_index: 0,
      item_id: itemId,
      text: reply.text,
    });
  }
  events.push(
    { type: 'response.output_item.done', output_index: 0, item },
    { type: 'response.completed', response: response('completed', [item]) },
  );
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'close',
  });
  events.forEach((event, sequence) => {
    res.write(
      `event: ${String(event.type)}\ndata: ${JSON.stringify({ ...event, sequence_number: sequence })}\n\n`,
    );
  });
  res.end();
}
