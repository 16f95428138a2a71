import { describe, expect, it } from 'vitest';
import { byTime, entryJson, entryKey, renderEntry } from '../../../../cli/logs/index.js';

const at = Date.UTC(2026, 0, 2, 12, 30, 5, 42);

describe('renderEntry', () => {
  it('prints the UTC time, the source and the message on one line', () => {
    expect(renderEntry({ at, source: 'build', message: '[Container] done\n  next\n' })).toBe(
      '12:30:05.042  build     [Container] done next\n',
    );
  });

  it('shortens a structured line to its level, message and own keys', () => {
    const message = JSON.stringify({
      level: 'INFO',
      message: 'invocation completed',
      timestamp: '2026-01-02T12:30:05.042Z',
      service: 'agentdrop-plan',
      function_request_id: 'r-1',
      action: 'plan',
      deployId: 'D1',
      usage: { totalTokens: 3 },
    });
    expect(renderEntry({ at, source: 'plan', message })).toBe(
      '12:30:05.042  plan      INFO invocation completed action=plan deployId=D1 usage={"totalTokens":3}\n',
    );
  });
});

describe('entries', () => {
  it('sort by time, keep the JSON shape and tell log events apart by group and event id', () => {
    const run = { at: at + 1, source: 'run' as const, message: 'Plan entered (Task)' };
    const event = { at, source: 'agent' as const, message: 'hi', group: '/g', stream: 's', eventId: '7' };
    expect(byTime([run, event])).toEqual([event, run]);
    expect(entryJson(event)).toEqual({
      time: '2026-01-02T12:30:05.042Z',
      source: 'agent',
      message: 'hi',
      group: '/g',
      stream: 's',
    });
    expect(entryKey(event)).toBe('/g|7');
    expect(entryKey(run)).not.toBe(entryKey({ ...run, at: at + 2 }));
  });
});
