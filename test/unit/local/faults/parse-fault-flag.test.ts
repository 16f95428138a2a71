import { describe, expect, it } from 'vitest';
import { parseFaultFlag } from '../../../../local/faults/index.js';

describe('parseFaultFlag', () => {
  it('returns the service, operation and fault of a full flag', () => {
    expect(parseFaultFlag('agentcore:CreateAgentRuntime=slow_ready:2:1500')).toEqual({
      service: 'agentcore',
      operation: 'CreateAgentRuntime',
      fault: { kind: 'slow_ready', count: 2, delayMs: 1500 },
    });
  });

  it('returns a fault without count when none is given', () => {
    expect(parseFaultFlag('codebuild:StartBuild=build_failed')).toEqual({
      service: 'codebuild',
      operation: 'StartBuild',
      fault: { kind: 'build_failed' },
    });
  });

  it('returns the calls to skip after @', () => {
    expect(parseFaultFlag('dynamodb:PutItem=throttle:3@2')).toEqual({
      service: 'dynamodb',
      operation: 'PutItem',
      fault: { kind: 'throttle', count: 3, after: 2 },
    });
  });

  it('returns an error for an unknown kind', () => {
    expect(parseFaultFlag('s3:PutObject=explode')).toEqual({
      error:
        'Fault kind "explode" is not one of throttle, server_error, access_denied, network_timeout, create_failed, update_failed, slow_ready, build_failed, lambda_service_exception, lambda_crash.',
    });
  });

  it('returns an error for a malformed flag', () => {
    expect(parseFaultFlag('PutObject')).toEqual({
      error: 'Fault "PutObject" is not of the form service:Operation=kind[:count[:delayMs]][@after].',
    });
  });
});
