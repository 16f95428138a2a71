import { describe, expect, it } from 'vitest';
import { commandsFromHelp } from '../../support/command-help.js';

describe('agentdrop commands', () => {
  it('offer --json on every command that runs something (README, CLI conventions)', async () => {
    const leaves = (await commandsFromHelp()).filter((command) => command.leaf);
    expect(leaves.length).toBeGreaterThan(10);
    expect(
      leaves.filter((command) => !command.options.includes('--json')).map((command) => command.path),
    ).toEqual([]);
  });

  it('offer --profile and --region on every command that talks to a target', async () => {
    const targeted = (await commandsFromHelp()).filter((command) => command.options.includes('--stack'));
    expect(targeted.map((command) => command.path).sort()).toEqual([
      'agentdrop destroy',
      'agentdrop diff',
      'agentdrop drift',
      'agentdrop import',
      'agentdrop invoke',
      'agentdrop logs',
      'agentdrop push',
      'agentdrop receipt',
      'agentdrop redeploy',
      'agentdrop rollback',
      'agentdrop secrets list',
      'agentdrop secrets set',
      'agentdrop status',
      'agentdrop traces',
    ]);
    for (const command of targeted) {
      expect(command.options, command.path).toEqual(expect.arrayContaining(['--profile', '--region']));
    }
  });
});
