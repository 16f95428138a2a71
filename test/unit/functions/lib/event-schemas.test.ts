import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DetailType } from '../../../../functions/lib/detail-types.js';
import { eventSchemas, validateEventDetail } from '../../../../functions/lib/event-schemas.js';

const metadata = {
  schemaVersion: '1',
  deployId: '01JD0000000000000000000001',
  project: 'team',
  executionArn: 'arn:aws:states:us-west-2:000000000000:execution:agentdrop-deploy:run-1',
  occurredAt: '2026-11-25T12:00:00.000Z',
  trigger: 'upload',
};

const validSamples: Record<DetailType, unknown> = {
  'Deploy Started': {
    metadata,
    data: {
      mode: 'runtime',
      action: 'deploy',
      decision: 'create',
      artifact: 'code',
      fingerprint: 'f'.repeat(64),
    },
  },
  'Deploy Succeeded': {
    metadata,
    data: {
      mode: 'runtime',
      decision: 'update',
      resourceArn: 'arn:aws:bedrock-agentcore:us-west-2:000000000000:runtime/team-abc',
      resourceVersion: '2',
      fingerprint: 'f'.repeat(64),
      imageDigest: `sha256:${'a'.repeat(64)}`,
      artifact: 'container',
      codePackage: null,
      cells: [
        {
          cell: 'subagent:reviewer',
          state: 'EXERCISED',
          reason: 'Called during the smoke test.',
          evidence: 'lead → reviewer (depth 0, ok)',
        },
      ],
      durations: { buildMs: 1200, totalMs: 3000 },
      consoleUrl: null,
      emulated: true,
      liveVersion: '2',
      endpointArn: 'arn:aws:bedrock-agentcore:us-west-2:000000000000:runtime/team-abc/runtime-endpoint/live',
    },
  },
  'Deploy Failed': {
    metadata,
    data: {
      errorCode: 'bundle.unsafe_path',
      errorName: 'DropInvalid',
      message: 'The drop has 1 error.',
      failedState: 'Plan',
      diagnostics: [
        { level: 'error', code: 'bundle.unsafe_path', message: 'Entry escapes the root.', where: '../x' },
      ],
      diagnosticCounts: { errors: 1, warnings: 0, infos: 0 },
      planKey: 'plans/team/01JD.json',
      buildLogUrl: null,
      liveVersion: null,
      candidateVersion: null,
    },
  },
  'Deploy Skipped': {
    metadata,
    data: { reason: 'unchanged', fingerprint: 'f'.repeat(64), resourceArn: null },
  },
  'Deploy Queued': {
    metadata,
    data: {
      pending: { key: 'drops/team.zip', versionId: 'v2', sequencer: '0A' },
      holder: metadata.executionArn,
    },
  },
  'Agent Destroyed': {
    metadata: { ...metadata, trigger: 'delete' },
    data: { mode: 'harness', resourceName: 'agentdrop_team', resourceArn: null, durations: {} },
  },
  'Redeploy Requested': { project: 'team', force: true },
  'Drift Detected': {
    project: 'team',
    mode: 'harness',
    region: 'us-west-2',
    resource: {
      name: 'agentdrop_team_lead',
      id: 'agentdrop_team_lead-abc1234567',
      arn: 'arn:aws:bedrock-agentcore:us-west-2:000000000000:harness/agentdrop_team_lead-abc1234567',
    },
    lastDeployId: '01JD0000000000000000000001',
    deleted: false,
    fields: [{ field: 'systemPrompt', expected: ['You lead.'], actual: ['Be terse.'] }],
    checkedAt: '2026-11-25T12:00:00.000Z',
  },
};

describe('validateEventDetail', () => {
  it('has one schema file per detail type', () => {
    const files = readdirSync(new URL('../../../../schemas/events/', import.meta.url)).sort();
    expect(files).toEqual([
      'agent-destroyed.json',
      'deploy-failed.json',
      'deploy-queued.json',
      'deploy-skipped.json',
      'deploy-started.json',
      'deploy-succeeded.json',
      'drift-detected.json',
      'redeploy-requested.json',
    ]);
    expect(Object.keys(eventSchemas).sort()).toEqual(Object.values(DetailType).sort());
  });

  describe.each(Object.entries(validSamples))('for %s', (detailType, sample) => {
    it('accepts a valid detail', () => {
      expect(validateEventDetail(detailType, sample)).toEqual({ ok: true, errors: [] });
    });

    it('rejects an unknown field', () => {
      const detail = { ...(sample as object), extra: true };
      expect(validateEventDetail(detailType, detail).ok).toBe(false);
    });
  });

  describe('when the envelope is broken', () => {
    it('returns every error with its path', () => {
      const detail = {
        metadata: { ...metadata, schemaVersion: '2', occurredAt: 'yesterday' },
        data: { reason: 'bored', fingerprint: null, resourceArn: null },
      };
      const result = validateEventDetail('Deploy Skipped', detail);
      expect(result.ok).toBe(false);
      expect(result.errors).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^\/metadata\/schemaVersion /),
          expect.stringMatching(/^\/metadata\/occurredAt /),
          expect.stringMatching(/^\/data\/reason /),
        ]),
      );
    });
  });

  describe('when a Failed event carries too many diagnostics', () => {
    it('rejects more than 20 diagnostics (the decision carries the first 20, DESIGN §7)', () => {
      const base = validSamples['Deploy Failed'] as { metadata: object; data: { diagnostics: unknown[] } };
      const detail = {
        ...base,
        data: { ...base.data, diagnostics: Array.from({ length: 21 }, () => base.data.diagnostics[0]) },
      };
      expect(validateEventDetail('Deploy Failed', detail).ok).toBe(false);
    });
  });

  it('rejects an unknown detail type', () => {
    expect(validateEventDetail('Deploy Exploded', {})).toEqual({
      ok: false,
      errors: ['unknown detail type "Deploy Exploded"'],
    });
  });

  it('rejects a redeploy command for an invalid project name', () => {
    expect(validateEventDetail('Redeploy Requested', { project: 'Team!' }).ok).toBe(false);
  });
});
