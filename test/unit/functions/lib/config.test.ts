import { describe, expect, it } from 'vitest';
import { clientOptions } from '../../../../functions/lib/clients.js';
import { readConfig } from '../../../../functions/lib/config.js';

const env = {
  TABLE_NAME: 'agentdrop',
  DROP_BUCKET: 'drops',
  ARTIFACTS_BUCKET: 'artifacts',
  EVENT_BUS_NAME: 'agentdrop',
  SECRET_PREFIX: 'agentdrop/',
  STACK_NAME: 'AgentDrop',
  HARNESS_ROLE_ARN: 'arn:aws:iam::123456789012:role/harness',
  RUNTIME_ROLE_ARN: 'arn:aws:iam::123456789012:role/runtime',
};

describe('readConfig', () => {
  describe('when the required variables are set', () => {
    it('returns the config with defaults', () => {
      expect(readConfig(env)).toEqual({
        tableName: 'agentdrop',
        dropBucket: 'drops',
        artifactsBucket: 'artifacts',
        eventBusName: 'agentdrop',
        secretPrefix: 'agentdrop/',
        stackName: 'AgentDrop',
        region: 'us-west-2',
        agentCoreRegions: ['us-west-2'],
        lockLeaseSeconds: 9900,
        dedupeTtlSeconds: 604_800,
        endpoints: {},
        emulated: false,
        defaultModel: null,
        runtimeArtifact: 'container',
        runtimeAgentPath: expect.stringMatching(/\/functions\/lib\/runtime-agent\.mjs$/),
        harnessRoleArn: 'arn:aws:iam::123456789012:role/harness',
        runtimeRoleArn: 'arn:aws:iam::123456789012:role/runtime',
        versionRetention: 10,
        agentTraces: true,
        agentLogs: null,
      });
    });
  });

  it('reads the agent log destinations only when all four variables are set, and the trace destination when given', () => {
    const logs = {
      AGENT_APPLICATION_LOG_GROUP: '/app',
      AGENT_APPLICATION_LOG_DESTINATION: 'arn:aws:logs:us-west-2:123456789012:delivery-destination:app',
      AGENT_USAGE_LOG_GROUP: '/usage',
      AGENT_USAGE_LOG_DESTINATION: 'arn:aws:logs:us-west-2:123456789012:delivery-destination:usage',
    };
    expect(readConfig({ ...env, ...logs }).agentLogs).toEqual({
      application: { logGroup: '/app', destinationArn: logs.AGENT_APPLICATION_LOG_DESTINATION },
      usage: { logGroup: '/usage', destinationArn: logs.AGENT_USAGE_LOG_DESTINATION },
      traces: null,
    });
    const traces = 'arn:aws:logs:us-west-2:123456789012:delivery-destination:traces';
    expect(readConfig({ ...env, ...logs, AGENT_TRACE_DESTINATION: traces }).agentLogs?.traces).toEqual({
      destinationArn: traces,
    });
    expect(readConfig({ ...env, ...logs, AGENT_USAGE_LOG_GROUP: '' }).agentLogs).toBeNull();
  });

  it('reads the version retention, refusing one that is not a positive integer', () => {
    expect(readConfig({ ...env, VERSION_RETENTION: '3' }).versionRetention).toBe(3);
    expect(() => readConfig({ ...env, VERSION_RETENTION: '0' })).toThrow(/VERSION_RETENTION/);
  });

  it('reads whether agents trace to X-Ray (on unless AGENT_TRACES=false), refusing anything but true or false', () => {
    expect(readConfig({ ...env, AGENT_TRACES: 'false' }).agentTraces).toBe(false);
    expect(readConfig({ ...env, AGENT_TRACES: 'true' }).agentTraces).toBe(true);
    expect(() => readConfig({ ...env, AGENT_TRACES: 'no' })).toThrow(/AGENT_TRACES/);
  });

  it('reads the regions the stack deploys to, trimmed', () => {
    expect(readConfig({ ...env, AGENT_CORE_REGIONS: ' eu-central-1, us-west-2 ,' }).agentCoreRegions).toEqual(
      ['eu-central-1', 'us-west-2'],
    );
  });

  describe('when pointed at the local cloud', () => {
    it('reads region, endpoint overrides and the emulated flag', () => {
      const config = readConfig({
        ...env,
        AWS_REGION: 'eu-west-1',
        AGENTDROP_ENDPOINT_DYNAMODB: 'http://127.0.0.1:4567',
        AGENTDROP_ENDPOINT_AGENTCORECONTROL: 'http://127.0.0.1:4568',
        AGENTDROP_EMULATED: 'true',
      });
      expect([config.region, config.endpoints, config.emulated]).toEqual([
        'eu-west-1',
        { dynamodb: 'http://127.0.0.1:4567', agentcorecontrol: 'http://127.0.0.1:4568' },
        true,
      ]);
      expect(clientOptions(config, 'dynamodb')).toEqual({
        region: 'eu-west-1',
        endpoint: 'http://127.0.0.1:4567',
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      });
      expect(clientOptions(config, 's3')).toEqual({ region: 'eu-west-1' });
    });
  });

  describe('when a variable is missing or malformed', () => {
    it('fails naming the variable', () => {
      const { EVENT_BUS_NAME: _bus, ...missing } = env;
      expect(() => readConfig(missing)).toThrow(
        expect.objectContaining({
          name: 'ConfigMissing',
          message: 'Environment variable EVENT_BUS_NAME is not set.',
        }),
      );
      expect(() => readConfig({ ...env, LOCK_LEASE_SECONDS: '-1' })).toThrow(
        'LOCK_LEASE_SECONDS is not a positive integer',
      );
      expect(() => readConfig({ ...env, AGENTDROP_ENDPOINT_S3: 'localhost' })).toThrow(
        'AGENTDROP_ENDPOINT_S3 is not an http(s) URL',
      );
    });
  });
});
