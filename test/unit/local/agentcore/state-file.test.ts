import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EmulatorState } from '../../../../local/agentcore/emulator-state.js';
import { StateFile } from '../../../../local/agentcore/state-file.js';

const Canary = 'canary-state-file-7d2f';

/** A state whose one harness carries an MCP header with a resolved secret, as CreateHarness stores it. */
function stateWithHeader(): EmulatorState {
  const harness = {
    harnessId: 'h-1',
    endpoints: [],
    tools: [
      {
        type: 'remote_mcp',
        config: {
          remoteMcp: {
            url: 'https://x/mcp',
            headers: { Authorization: `Bearer ${Canary}`, 'X-Plain': 'yes' },
          },
        },
      },
    ],
  };
  return {
    runtimes: [],
    harnesses: [harness as unknown as EmulatorState['harnesses'][number]],
    memories: [],
    tokens: {},
  };
}

describe('StateFile', () => {
  let dataDir = '';
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('writes header values sealed and reads them back as they were, with a new StateFile as well', () => {
    dataDir = mkdtempSync(join(tmpdir(), 'agentdrop-state-file-'));
    new StateFile(dataDir).save(stateWithHeader());
    const onDisk = readFileSync(join(dataDir, 'agentcore', 'state.json'), 'utf8');
    expect(onDisk).not.toContain(Canary);
    expect(onDisk).toContain('"X-Plain": "sealed:v1:');
    expect(new StateFile(dataDir).load()).toEqual(stateWithHeader());
    expect(statSync(join(dataDir, 'secretsmanager', 'agentcore-state.key')).mode & 0o777).toBe(0o600);
  });

  it('refuses state its key does not open with an error naming the key file and the way out', () => {
    dataDir = mkdtempSync(join(tmpdir(), 'agentdrop-state-file-'));
    new StateFile(dataDir).save(stateWithHeader());
    const keyFile = join(dataDir, 'secretsmanager', 'agentcore-state.key');
    rmSync(keyFile);
    expect(() => new StateFile(dataDir).load()).toThrow(
      `does not open with ${keyFile} (the key was replaced or lost); reset the local cloud with: agentdrop local reset`,
    );
  });
});
