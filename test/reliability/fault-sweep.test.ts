import { describe, expect, it } from 'vitest';
import type { RecordedServiceCall } from '../../local/faults/index.js';
import { callSitesOf } from './fault-sweep.js';

const call = (
  seq: number,
  state: string | null,
  service: string,
  operation: string,
  caller: string | null = null,
): RecordedServiceCall => ({ seq, state, service, operation, caller, fault: null });

describe('callSitesOf', () => {
  it('returns the pipeline calls inside Tasks, repeated ones collapsed to first and last, with their after', () => {
    const sites = callSitesOf([
      call(0, null, 's3', 'PutObject'),
      call(1, 'Plan', 'lambda', 'Plan'),
      call(2, 'Plan', 's3', 'PutObject'),
      call(3, 'Plan', 's3', 'PutObject'),
      call(4, 'Plan', 's3', 'PutObject'),
      call(5, 'BuildImage', 'codebuild', 'StartBuild'),
      call(6, 'BuildImage', 'codebuild', 'BatchGetBuilds'),
      call(7, 'SmokeTest', 's3', 'GetObject', 'agentdrop-harness'),
      call(8, 'SmokeTest', 's3', 'GetObject'),
    ]);
    expect(sites).toEqual([
      { state: 'Plan', service: 'lambda', operation: 'Plan', after: 0 },
      // The test's own upload (no state) is PutObject #0: the Plan's first PutObject is #1, its last #3.
      { state: 'Plan', service: 's3', operation: 'PutObject', after: 1 },
      { state: 'Plan', service: 's3', operation: 'PutObject', after: 3 },
      { state: 'BuildImage', service: 'codebuild', operation: 'StartBuild', after: 0 },
      // The harness's own read counts as a GetObject the fault must skip.
      { state: 'SmokeTest', service: 's3', operation: 'GetObject', after: 1 },
    ]);
  });
});
