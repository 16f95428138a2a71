import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { AgentdropError } from '../core/errors.js';

/** Where {@link promptHidden} asks and reads. */
export interface PromptStreams {
  /** A terminal (readline puts it in raw mode, so typed characters are not echoed by the terminal either). */
  readonly input: NodeJS.ReadableStream;
  /** Where the question goes. @default process.stderr (stdout stays the command's result) */
  readonly output: NodeJS.WritableStream;
}

/**
 * Asks `question` and reads one line without echoing it: readline handles the keys (editing, Enter) and writes
 * its echo to a stream that discards it, so the value never reaches the screen or a terminal recording.
 * @throws PromptCancelled on Ctrl-C or when the input ends before Enter.
 */
export function promptHidden(
  question: string,
  streams: PromptStreams = { input: process.stdin, output: process.stderr },
): Promise<string> {
  return new Promise((resolve, reject) => {
    streams.output.write(question);
    const muted = new Writable({ write: (_chunk, _encoding, done) => done() });
    const reader = createInterface({ input: streams.input, output: muted, terminal: true });
    let settled = false;
    const cancel = (): void => {
      if (settled) return;
      settled = true;
      streams.output.write('\n');
      reject(new AgentdropError('PromptCancelled', 'No value entered; nothing was stored.'));
    };
    reader.once('line', (line) => {
      settled = true;
      reader.close();
      streams.output.write('\n');
      resolve(line);
    });
    reader.once('SIGINT', () => {
      cancel();
      reader.close();
    });
    reader.once('close', cancel);
  });
}
