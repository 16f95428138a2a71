import type { ScriptedReply } from './scripted-policy.js';

/** What a reply writer needs to answer one request. */
export interface ReplyArgs {
  /** Response id, unique per server (`chatcmpl-3`, `resp_3`). */
  readonly id: string;
  readonly model: string;
  readonly reply: ScriptedReply;
  /** Tool call id when the reply calls a tool, else ''. */
  readonly toolCallId: string;
  readonly stream: boolean;
  /** Chat completions: send a final usage chunk (`stream_options.include_usage`). */
  readonly includeUsage: boolean;
}

/** Token counts of a reply: fixed input, output by text length (deterministic, not real). */
export function usageOf(reply: ScriptedReply): { input: number; output: number } {
  return { input: 10, output: reply.kind === 'tool' ? 10 : Math.max(1, Math.ceil(reply.text.length / 4)) };
}

/** Splits text into up to three pieces so streaming clients see more than one delta. */
export function splitText(text: string): string[] {
  const size = Math.max(1, Math.ceil(text.length / 3));
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
  return pieces.length > 0 ? pieces : [''];
}
