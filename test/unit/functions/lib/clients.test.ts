import { describe, expect, it } from 'vitest';
import { clientFactory, type PipelineClientOptions } from '../../../../functions/lib/clients.js';

/** Stands for an SDK client class: keeps the options it was built with. */
class Built {
  constructor(readonly options: PipelineClientOptions) {}
}

const local = {
  region: 'us-west-2',
  endpoints: { s3: 'http://127.0.0.1:1', agentcorecontrol: 'http://127.0.0.1:2' },
  emulated: true,
} as const;

describe('clientFactory', () => {
  it('builds a service’s client once per region, in the stack’s region by default', () => {
    const client = clientFactory({ region: 'us-west-2', endpoints: {}, emulated: false });
    const home = client(Built, 'agentcorecontrol');
    expect(client(Built, 'agentcorecontrol')).toBe(home);
    expect(client(Built, 'agentcorecontrol', 'us-west-2')).toBe(home);
    const away = client(Built, 'agentcorecontrol', 'eu-central-1');
    expect(away).not.toBe(home);
    expect([home.options, away.options]).toEqual([{ region: 'us-west-2' }, { region: 'eu-central-1' }]);
  });

  it('points a client at its emulator, path-style for S3, with the caller’s overrides on top', () => {
    const credentials = { accessKeyId: 'PlanFunction', secretAccessKey: 'x' };
    const client = clientFactory(local, (service) =>
      service === 's3' ? { maxAttempts: 1, credentials } : {},
    );
    expect(client(Built, 's3').options).toEqual({
      region: 'us-west-2',
      endpoint: 'http://127.0.0.1:1',
      credentials,
      maxAttempts: 1,
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    expect(client(Built, 'agentcorecontrol').options).toEqual({
      region: 'us-west-2',
      endpoint: 'http://127.0.0.1:2',
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
  });
});
