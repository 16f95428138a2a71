import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../../cli/io.js';
import { type RunReport, renderRunSummary, runOutcome } from '../../../../cli/render/run-summary.js';
import type { Receipt } from '../../../../functions/lib/store/index.js';

const io: CliIo = { stdout: () => undefined, stderr: () => undefined, isTty: false, env: {}, cwd: '/' };

function receipt(overrides: Partial<Receipt> = {}): Receipt {
  return {
    project: 'team',
    deployId: '01JD',
    executionArn: 'arn:aws:states:us-west-2:1:execution:agentdrop-deploy:x',
    outcome: 'failed',
    trigger: {
      kind: 'upload',
      bucket: 'b',
      key: 'drops/team.zip',
      versionId: 'v',
      sequencer: null,
      eventId: null,
      requester: null,
    },
    mode: 'runtime',
    decision: 'create',
    skipReason: null,
    fingerprint: 'f'.repeat(64),
    durations: {},
    diagnostics: { errors: 0, warnings: 0, infos: 0 },
    cells: [],
    links: { console: 'https://console.aws.amazon.com/states/x', buildLog: 'https://logs/build' },
    error: {
      code: 'BuildFailed',
      name: 'States.TaskFailed',
      message: 'BUILD phase failed',
      state: 'BuildImage',
    },
    emulated: false,
    startedAt: '2026-11-25T00:00:00Z',
    finishedAt: '2026-11-25T00:01:00Z',
    ...overrides,
  };
}

describe('renderRunSummary', () => {
  describe('with a receipt and the execution only (a stack run)', () => {
    it('returns the outcome, error code, failing state, build log, hint, console link and next step', () => {
      const report: RunReport = {
        status: 'FAILED',
        durationMs: 61_000,
        transitions: 9,
        receipt: receipt(),
        error: { error: 'BuildFailed', cause: 'x' },
      };
      expect(renderRunSummary(io, report)).toBe(
        [
          'Failed  61.0 s, 9 transitions',
          '  mode        runtime',
          '  decision    create',
          '  BuildFailed: BUILD phase failed',
          '  state       BuildImage',
          '  build log   https://logs/build',
          '  hint        open the build log above',
          '  console     https://console.aws.amazon.com/states/x',
          '  next: agentdrop receipt team 01JD',
          '',
        ].join('\n'),
      );
    });
  });

  describe('after a smoke test that failed on a project with a live version', () => {
    it('names the live version still served, its endpoint and the candidate that was not promoted', () => {
      const endpointArn = 'arn:aws:bedrock-agentcore:us-west-2:1:harness/h-1/harness-endpoint/live';
      const report: RunReport = {
        status: 'FAILED',
        durationMs: 2_000,
        transitions: 15,
        receipt: receipt({
          mode: 'harness',
          decision: 'update',
          live: { version: '2', endpointArn },
          candidateVersion: '3',
          links: { console: null, buildLog: null },
          error: {
            code: 'SmokeTestFailed',
            name: 'SmokeTestFailed',
            message: 'no match',
            state: 'SmokeTest',
          },
        }),
      };
      expect(renderRunSummary(io, report)).toContain(
        [`  live        version 2  ${endpointArn}`, '  candidate   3'].join('\n'),
      );
    });
  });
});

describe('runOutcome', () => {
  it("returns the receipt's outcome, else the execution status", () => {
    const base = { durationMs: 0, transitions: 0 } as const;
    expect([
      runOutcome({ ...base, status: 'SUCCEEDED', receipt: receipt({ outcome: 'queued' }) }),
      runOutcome({ ...base, status: 'SUCCEEDED', receipt: receipt({ outcome: 'rejected' }) }),
      runOutcome({ ...base, status: 'SUCCEEDED', receipt: null }),
      runOutcome({ ...base, status: 'ABORTED', receipt: null }),
    ]).toEqual(['Queued', 'Failed', 'Succeeded', 'Failed']);
  });
});

describe('renderRunSummary of a skipped run', () => {
  describe('when the drop is unchanged', () => {
    it('returns the reason and how to force a redeploy', () => {
      const report: RunReport = {
        status: 'SUCCEEDED',
        durationMs: 1_200,
        transitions: 5,
        receipt: receipt({
          outcome: 'skipped',
          decision: null,
          skipReason: 'unchanged',
          error: null,
          emulated: true,
        }),
      };
      expect(renderRunSummary(io, report)).toBe(
        [
          'Skipped  1.2 s, 5 transitions',
          '  mode        runtime',
          '  reason      unchanged',
          '  hint        to deploy anyway: agentdrop redeploy team --force (or force: true in agentdrop.yaml)',
          '  next: agentdrop receipt team 01JD',
          '',
        ].join('\n'),
      );
    });
  });

  describe('when it was skipped for another reason', () => {
    it('returns the reason without a hint', () => {
      const report: RunReport = {
        status: 'SUCCEEDED',
        durationMs: 1_200,
        transitions: 5,
        receipt: receipt({ outcome: 'skipped', decision: null, skipReason: 'duplicate', error: null }),
      };
      expect(renderRunSummary(io, report)).not.toContain('hint');
    });
  });
});
