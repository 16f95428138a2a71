import { describe, expect, it } from 'vitest';
import { makeDiagnostic } from '../../../../../core/diagnostics/index.js';
import type {
  ExecutionDocument,
  PlanDecision,
  RecordOutcome,
} from '../../../../../functions/lib/contract.js';
import { validateEventDetail } from '../../../../../functions/lib/event-schemas.js';
import { buildOutcome } from '../../../../../functions/lib/outcome/index.js';
import { makeDecision } from '../../../local/runner/stub-handlers.js';

const executionArn = 'arn:aws:states:us-west-2:000000000000:execution:agentdrop-deploy:run-1';
const plan = makeDecision({
  metadata: { ...(makeDecision().metadata as object), executionArn },
}) as unknown as PlanDecision;
const resource = {
  name: 'agentdrop_team',
  id: 'h-1',
  arn: 'arn:aws:bedrock-agentcore:us-west-2:000000000000:harness/h-1',
  version: '2',
};
const poll = { resource, status: 'READY' as const, failureReason: null, attempt: 1, delaySeconds: 5 };
const digest = `sha256:${'c'.repeat(64)}`;
const cells = [{ cell: 'agent', state: 'EXERCISED' as const, reason: 'The agent replied.', evidence: 'Hi' }];
const trace = [
  {
    kind: 'skills' as const,
    target: 'skills',
    tool: 'skills',
    agent: 'team',
    depth: 0,
    ok: true,
    detail: 'ok',
  },
];

function build(outcome: RecordOutcome, document: ExecutionDocument, emulated = false) {
  return buildOutcome({
    outcome,
    document,
    executionArn,
    executionStartTime: '2026-11-25T12:00:00.000Z',
    now: new Date('2026-11-25T12:00:30.000Z'),
    fallbackDeployId: 'fallback',
    emulated,
    region: 'us-west-2',
  });
}

describe('buildOutcome', () => {
  describe.each<[RecordOutcome, ExecutionDocument]>([
    ['skipped', { plan: { ...plan, action: 'skip', skipReason: 'unchanged' } }],
    ['queued', { plan }],
    [
      'succeeded',
      {
        plan,
        poll,
        smoke: {
          cells,
          trace,
          reply: 'Hi',
          sessionId: 's'.repeat(33),
          traceId: null,
          durationMs: 3,
          emulated: false,
        },
      },
    ],
    [
      'destroyed',
      { plan: { ...plan, action: 'destroy', decision: 'delete' }, poll: { ...poll, status: 'GONE' } },
    ],
    ['rejected', { plan: { ...plan, action: 'invalid' } }],
    [
      'failed',
      {
        plan,
        error: {
          SmokeTest: {
            Error: 'SmokeTestFailed',
            Cause: '{"errorType":"SmokeTestFailed","errorMessage":"no reply"}',
          },
        },
      },
    ],
    [
      'failed',
      {
        'detail-type': 'Object Created',
        detail: { object: { key: 'drops/team.zip' } },
        error: { Plan: { Error: 'Lambda.Unknown', Cause: 'OOM' } },
      },
    ],
  ])('for %s', (outcome, document) => {
    it('returns an event that matches its schema', () => {
      const { result } = build(outcome, document);
      expect(validateEventDetail(result.detailType, result.detail)).toEqual({ ok: true, errors: [] });
      expect(result.outcome).toBe(outcome);
      expect(result.errorCode !== null).toBe(outcome === 'failed' || outcome === 'rejected');
    });
  });

  describe('when the deploy succeeded on AWS', () => {
    it('returns the receipt with cells, image digest, duration and console link', () => {
      const { receipt, result } = build('succeeded', {
        plan,
        poll,
        build: { buildId: 'b:1', exportedEnvironmentVariables: [{ Name: 'IMAGE_DIGEST', Value: digest }] },
        smoke: {
          cells,
          trace,
          reply: 'Hi',
          sessionId: 's'.repeat(33),
          traceId: null,
          durationMs: 3,
          emulated: false,
        },
      });
      expect(receipt).toMatchObject({
        project: 'team',
        deployId: '01JD0000000000000000000001',
        outcome: 'succeeded',
        cells,
        trace,
        durations: { totalMs: 30_000 },
        error: null,
        emulated: false,
        links: {
          console: expect.stringContaining(`#/v2/executions/details/${executionArn}`),
          buildLog: null,
        },
      });
      expect(result.detail.data).toMatchObject({
        resourceArn: resource.arn,
        resourceVersion: '2',
        imageDigest: digest,
      });
    });
  });

  describe('agent log delivery', () => {
    const smoke = {
      cells,
      trace,
      reply: 'Hi',
      sessionId: 's'.repeat(33),
      traceId: null,
      durationMs: 3,
      emulated: false,
    };
    const logGroups = { application: '/aws/vendedlogs/a', usage: '/aws/vendedlogs/u' };

    it('names the log groups in the receipt', () => {
      const delivered = { ...poll, resource: { ...resource, logDelivery: { logGroups, warning: null } } };
      const { receipt } = build('succeeded', { plan, poll: delivered, smoke });
      expect([receipt.logGroups, receipt.logDeliveryWarning]).toEqual([logGroups, undefined]);
      expect(receipt.traceDelivery).toBeUndefined();
    });

    it('says the agent’s traces go to X-Ray when they are delivered', () => {
      const logDelivery = { logGroups, tracesToXRay: true, warning: null };
      const delivered = { ...poll, resource: { ...resource, logDelivery } };
      expect(build('succeeded', { plan, poll: delivered, smoke }).receipt.traceDelivery).toBe('XRAY');
    });

    it('carries a delivery that could not be set up as one more warning', () => {
      const warning = makeDiagnostic('logs.delivery_failed', 'resource', 'denied');
      const failed = {
        ...poll,
        resource: { ...resource, logDelivery: { logGroups: null, warning } },
      };
      const { receipt } = build('succeeded', { plan, poll: failed, smoke });
      const { receipt: clean } = build('succeeded', { plan, poll, smoke });
      expect(receipt.logGroups).toBeUndefined();
      expect(receipt.logDeliveryWarning).toEqual(warning);
      expect(receipt.diagnostics.warnings).toBe(clean.diagnostics.warnings + 1);
    });
  });

  describe('when Plan itself failed', () => {
    it('reads project and trigger from the raw event and uses the fallback deployId', () => {
      const { receipt, result } = build('failed', {
        'detail-type': 'Object Deleted',
        id: 'evt-9',
        detail: { bucket: { name: 'drops' }, object: { key: 'drops/shop.zip', 'version-id': 'v9' } },
        error: { Plan: { Error: 'Lambda.Unknown', Cause: 'Task timed out' } },
      });
      expect(receipt.trigger).toEqual({
        kind: 'delete',
        bucket: 'drops',
        key: 'drops/shop.zip',
        versionId: 'v9',
        sequencer: null,
        eventId: 'evt-9',
        requester: null,
      });
      expect([receipt.project, receipt.deployId, receipt.error]).toEqual([
        'shop',
        'fallback',
        { code: 'Lambda.Unknown', name: 'Lambda.Unknown', message: 'Task timed out', state: 'Plan' },
      ]);
      expect([result.errorCode, result.errorMessage]).toEqual(['Lambda.Unknown', 'Task timed out']);
    });
  });

  describe('when the drop is invalid', () => {
    it('returns the first diagnostic code and at most 20 diagnostics', () => {
      const diagnostic = {
        level: 'error' as const,
        code: 'skill.missing' as const,
        message: 'Skill x is missing.',
        where: 'agent:lead',
      };
      const invalid = {
        ...plan,
        action: 'invalid' as const,
        diagnostics: {
          errors: Array.from({ length: 25 }, () => diagnostic),
          counts: { errors: 25, warnings: 0, infos: 0 },
        },
      };
      const { result } = build('rejected', { plan: invalid });
      expect(result.errorCode).toBe('skill.missing');
      expect(result.errorMessage).toBe('The drop has 25 error(s); first: Skill x is missing.');
      expect((result.detail.data.diagnostics as unknown[]).length).toBe(20);
      expect(validateEventDetail(result.detailType, result.detail)).toEqual({ ok: true, errors: [] });
    });
  });

  describe('gated promotion', () => {
    const endpointArn = `${resource.arn}/harness-endpoint/live`;
    const smoke = {
      cells,
      trace,
      reply: 'Hi',
      sessionId: 's'.repeat(33),
      traceId: null,
      durationMs: 3,
      emulated: false,
    };

    it('names the promoted version and the live endpoint on success', () => {
      const live = { endpointName: 'live', endpointArn, version: '2' };
      const { receipt, result } = build('succeeded', { plan, poll: { ...poll, live }, smoke });
      expect([result.detail.data.liveVersion, result.detail.data.endpointArn]).toEqual(['2', endpointArn]);
      expect([receipt.live, receipt.candidateVersion]).toEqual([{ version: '2', endpointArn }, '2']);
      expect(validateEventDetail(result.detailType, result.detail)).toEqual({ ok: true, errors: [] });
    });

    it('keeps the recorded live version and names the tested candidate on a failed smoke test', () => {
      const { receipt, result } = buildOutcome({
        outcome: 'failed',
        document: {
          plan,
          poll,
          error: { SmokeTest: { Error: 'SmokeTestFailed', Cause: '{"errorMessage":"no match"}' } },
        },
        executionArn,
        executionStartTime: '2026-11-25T12:00:00.000Z',
        now: new Date('2026-11-25T12:00:30.000Z'),
        fallbackDeployId: 'fallback',
        emulated: false,
        region: 'us-west-2',
        lastLive: { version: '1', endpointArn },
      });
      expect([result.detail.data.liveVersion, result.detail.data.candidateVersion]).toEqual(['1', '2']);
      expect([receipt.live, receipt.candidateVersion]).toEqual([{ version: '1', endpointArn }, '2']);
      expect(validateEventDetail(result.detailType, result.detail)).toEqual({ ok: true, errors: [] });
    });

    it('names the version live moved to when the run failed after the promotion', () => {
      const live = { endpointName: 'live', endpointArn, version: '2' };
      const { result } = build('failed', {
        plan,
        poll: { ...poll, live },
        smoke,
        error: { RecordSuccess: { Error: 'StateConflict', Cause: '{"errorMessage":"moved"}' } },
      });
      expect([result.detail.data.liveVersion, result.detail.data.candidateVersion]).toEqual(['2', '2']);
    });

    it('names no candidate when the run never created a version', () => {
      const { result } = build('failed', {
        plan,
        error: { CreateOrUpdateHarness: { Error: 'AccessDenied', Cause: '{"errorMessage":"denied"}' } },
      });
      expect([result.detail.data.liveVersion, result.detail.data.candidateVersion]).toEqual([null, null]);
    });
  });
});
