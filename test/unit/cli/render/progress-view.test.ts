import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../../cli/io.js';
import { createProgressView } from '../../../../cli/render/progress-view.js';

function capture(isTty: boolean, env: Record<string, string> = {}): { io: CliIo; out: () => string } {
  let text = '';
  return {
    io: {
      stdout: (t) => {
        text += t;
      },
      stderr: () => undefined,
      isTty,
      env,
      cwd: '/',
    },
    out: () => text,
  };
}

const run = (io: CliIo) => {
  const view = createProgressView(io, 'Run 1 · upload drops/team.zip');
  view.onEvent({ kind: 'state-entered', state: 'AcquireLock', stateType: 'Task', at: 0 });
  view.onEvent({ kind: 'state-exited', state: 'AcquireLock', stateType: 'Task', at: 12, durationMs: 12 });
  view.onEvent({ kind: 'state-entered', state: 'RouteByMode', stateType: 'Choice', at: 12 });
  view.onEvent({ kind: 'state-exited', state: 'RouteByMode', stateType: 'Choice', at: 12, durationMs: 0 });
  view.onEvent({ kind: 'state-entered', state: 'BuildImage', stateType: 'Task', at: 12 });
  view.onEvent({ kind: 'state-failed', state: 'BuildImage', error: 'States.TaskFailed', at: 900 });
  view.onEvent({ kind: 'state-exited', state: 'BuildImage', stateType: 'Task', at: 900, durationMs: 888 });
  view.close();
};

describe('createProgressView', () => {
  it('appends plain lines off a terminal: states in words, choices hidden, a failure shown once', () => {
    const { io, out } = capture(false);
    run(io);
    expect(out()).toBe(
      [
        'Run 1 · upload drops/team.zip',
        `  ✓ ${'Acquire lock'.padEnd(34)} 12 ms`,
        `  ✗ ${'Build image'.padEnd(34)} States.TaskFailed`,
        '',
      ].join('\n'),
    );
  });

  it('shows a busy lock as the queueing it leads to, not as a failure', () => {
    const { io, out } = capture(false);
    const view = createProgressView(io, 'Run 2 · upload drops/team.zip');
    view.onEvent({ kind: 'state-entered', state: 'AcquireLock', stateType: 'Task', at: 0 });
    view.onEvent({
      kind: 'state-failed',
      state: 'AcquireLock',
      error: 'DynamoDB.ConditionalCheckFailedException',
      at: 5,
    });
    view.onEvent({ kind: 'state-exited', state: 'AcquireLock', stateType: 'Task', at: 5, durationMs: 5 });
    view.close();
    expect(out()).toContain(
      `  · ${'Acquire lock'.padEnd(34)} busy: another run of this project holds the lock`,
    );
    expect(out()).not.toContain('✗');
    expect(out()).not.toContain('ConditionalCheckFailed');
  });

  it('colours and rewrites lines on a terminal', () => {
    const { io, out } = capture(true);
    run(io);
    expect(out()).toContain('\u001b[32m✓\u001b[39m');
    expect(out()).toContain('\r\u001b[K');
  });

  it('keeps colour off on a terminal when NO_COLOR is set', () => {
    const { io, out } = capture(true, { NO_COLOR: '1' });
    run(io);
    expect(out()).not.toContain('\u001b[32m');
  });
});
