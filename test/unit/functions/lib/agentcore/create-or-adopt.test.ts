import { describe, expect, it } from 'vitest';
import { createOrAdopt } from '../../../../../functions/lib/agentcore/index.js';

const conflict = (message: string) => Object.assign(new Error(message), { name: 'ConflictException' });

describe('createOrAdopt', () => {
  it('returns what the create call returns, sending the token', async () => {
    const tokens: (string | undefined)[] = [];
    const result = await createOrAdopt(
      't'.repeat(40),
      async (token) => {
        tokens.push(token);
        return 'created';
      },
      async () => 'adopted',
    );
    expect([result, tokens]).toEqual(['created', ['t'.repeat(40)]]);
  });

  it('retries once without the token when the service refuses a token of a deleted resource', async () => {
    const tokens: (string | undefined)[] = [];
    const result = await createOrAdopt(
      'token-of-a-deleted-harness-0123456789',
      async (token) => {
        tokens.push(token);
        if (token)
          throw conflict('The clientToken was used by a deleted resource; retry without clientToken.');
        return 'created';
      },
      async () => 'adopted',
    );
    expect([result, tokens]).toEqual(['created', ['token-of-a-deleted-harness-0123456789', undefined]]);
  });

  it('adopts the resource that holds the name', async () => {
    const result = await createOrAdopt(
      'token-0123456789012345678901234567890',
      async () => {
        throw conflict('A harness named agentdrop_x_y already exists.');
      },
      async () => 'adopted',
    );
    expect(result).toBe('adopted');
  });

  it('rethrows anything that is not a conflict', async () => {
    const denied = Object.assign(new Error('no'), { name: 'AccessDeniedException' });
    await expect(
      createOrAdopt(
        'token-0123456789012345678901234567890',
        async () => {
          throw denied;
        },
        async () => 'adopted',
      ),
    ).rejects.toBe(denied);
  });

  it('rethrows the create failure when no resource holds the name', async () => {
    const held = conflict('A memory named agentdrop_x already exists.');
    await expect(
      createOrAdopt(
        'token-0123456789012345678901234567890',
        async () => {
          throw held;
        },
        async () => null,
      ),
    ).rejects.toBe(held);
  });

  it('adopts after the failures adoptOn names, and only those', async () => {
    const unavailable = Object.assign(new Error('timed out'), { name: 'AgentCoreUnavailable' });
    const failing = async (): Promise<string> => {
      throw unavailable;
    };
    const anyFailure = { adoptOn: () => true };
    await expect(
      createOrAdopt('token-0123456789012345678901234567890', failing, async () => 'adopted', anyFailure),
    ).resolves.toBe('adopted');
    await expect(
      createOrAdopt('token-0123456789012345678901234567890', failing, async () => null, anyFailure),
    ).rejects.toBe(unavailable);
  });

  it('drops a refused token before asking adoptOn', async () => {
    const tokens: (string | undefined)[] = [];
    const result = await createOrAdopt(
      'token-of-a-deleted-memory-0123456789',
      async (token) => {
        tokens.push(token);
        if (token) throw conflict('clientToken already used by a deleted memory.');
        return 'created';
      },
      async () => 'adopted',
      { adoptOn: () => true },
    );
    expect([result, tokens]).toEqual(['created', ['token-of-a-deleted-memory-0123456789', undefined]]);
  });
});
