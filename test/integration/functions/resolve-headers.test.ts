import {
  CreateSecretCommand,
  DeleteSecretCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveHeaders } from '../../../functions/harness/resolve-headers.js';
import type { PlannedArtifact } from '../../../functions/lib/planned-artifact.js';
import {
  type SecretsManagerEmulator,
  startSecretsManagerEmulator,
} from '../../../local/secretsmanager/index.js';
import { makeAgentPlan, makeMcpPlan, makePlan, makeSecretBinding } from '../../fixtures/plan-builder.js';
import { clientBase, makeDataDir } from '../local/support.js';

/** A harness plan whose `docs` server carries `headers`, binding each secret to the recorded version (null = none). */
function planWith(
  headers: Record<string, string>,
  secrets: Record<string, { versionId: string | null; arn: string }>,
): PlannedArtifact {
  return {
    ...makePlan({
      mode: 'harness',
      agents: [makeAgentPlan({ mcp: [makeMcpPlan({ headers })] })],
      secretBindings: Object.entries(secrets).map(([name, { versionId }]) =>
        makeSecretBinding({ name, secretId: `agentdrop/${name}`, envVar: null, versionId }),
      ),
    }),
    secretArns: Object.fromEntries(Object.entries(secrets).map(([name, { arn }]) => [name, arn])),
  };
}

describe('resolveHeaders (Secrets Manager emulator)', () => {
  let data: ReturnType<typeof makeDataDir>;
  let emulator: SecretsManagerEmulator;
  let sm: SecretsManagerClient;
  const created: Record<string, { arn: string; versionId: string }> = {};

  beforeAll(async () => {
    data = makeDataDir();
    emulator = await startSecretsManagerEmulator({ dataDir: data.dataDir });
    sm = new SecretsManagerClient(clientBase(emulator.endpoint));
    for (const [name, value] of [
      ['USER', 'svc-reader'],
      ['TOKEN', 'tok-v1-9a7c'],
      ['GONE', 'gone-value'],
    ]) {
      const out = await sm.send(new CreateSecretCommand({ Name: `agentdrop/${name}`, SecretString: value }));
      created[name!] = { arn: out.ARN!, versionId: out.VersionId! };
    }
    // Rotated after the pre-flight recorded v1: the deploy must send the recorded version.
    await sm.send(new PutSecretValueCommand({ SecretId: 'agentdrop/TOKEN', SecretString: 'tok-v2-1b2d' }));
    await sm.send(new DeleteSecretCommand({ SecretId: 'agentdrop/GONE' }));
  });

  afterAll(async () => {
    sm?.destroy();
    await emulator?.stop();
    data?.remove();
  });

  describe('when a header names secrets several times', () => {
    it('fills every reference with the recorded version, or the current one when none was recorded', async () => {
      const headers = await resolveHeaders(
        planWith(
          { Authorization: 'Basic ${USER}:${TOKEN}', 'X-Token': '${TOKEN}|${TOKEN}' },
          {
            USER: { versionId: null, arn: created.USER!.arn },
            TOKEN: { versionId: created.TOKEN!.versionId, arn: created.TOKEN!.arn },
          },
        ),
        sm,
      );
      expect(Object.fromEntries(headers)).toEqual({
        docs: { Authorization: 'Basic svc-reader:tok-v1-9a7c', 'X-Token': 'tok-v1-9a7c|tok-v1-9a7c' },
      });
    });
  });

  describe('when the secret was deleted since the plan', () => {
    it('fails with SecretMissing (secret.missing) naming the command that fixes it', async () => {
      const error = await resolveHeaders(
        planWith({ Authorization: 'Bearer ${GONE}' }, { GONE: created.GONE! }),
        sm,
      ).catch((caught: unknown) => caught);
      expect((error as { toJSON(): unknown }).toJSON()).toEqual({
        name: 'SecretMissing',
        code: 'secret.missing',
        message: `Secret '${created.GONE!.arn}' does not exist (or is pending deletion); create it with: agentdrop secrets set GONE`,
        context: { secret: 'agentdrop/GONE', versionId: created.GONE!.versionId },
      });
    });
  });

  describe('when a header names a secret the plan did not bind', () => {
    it('fails with SecretMissing instead of sending an empty value', async () => {
      const error = await resolveHeaders(
        planWith(
          { Authorization: 'Bearer ${USER} ${UNBOUND}' },
          { USER: { versionId: null, arn: created.USER!.arn } },
        ),
        sm,
      ).catch((caught: unknown) => caught);
      expect((error as { toJSON(): unknown }).toJSON()).toEqual({
        name: 'SecretMissing',
        code: 'secret.missing',
        message:
          "MCP server 'docs' header 'Authorization' names secret UNBOUND, which the plan did not resolve.",
        context: { secret: 'UNBOUND', server: 'docs', header: 'Authorization' },
      });
    });
  });
});
