import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandsFromHelp } from '../../../support/command-help.js';
import { runCli } from '../../../support/run-cli.js';

describe('agentdrop completion', () => {
  describe.each(['bash', 'zsh', 'fish'])('for %s', (shell) => {
    it('prints a script that names every command and every option', async () => {
      const run = await runCli(['completion', shell]);
      expect([run.code, run.stderr]).toEqual([0, '']);
      const commands = await commandsFromHelp();
      expect(commands.map((command) => command.path)).toEqual(
        expect.arrayContaining(['agentdrop push', 'agentdrop secrets set', 'agentdrop local start']),
      );
      for (const command of commands) {
        expect(run.stdout, command.path).toContain(command.path);
        for (const option of command.options) {
          const spelled = shell === 'fish' ? `-l '${option.slice(2)}'` : option;
          expect(run.stdout, `${command.path} ${option}`).toContain(spelled);
        }
      }
    });
  });

  it('fails a shell it does not know as a usage error pointing at its --help', async () => {
    const run = await runCli(['completion', 'powershell']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^usage: .*powershell.* \(see agentdrop completion --help\)\n$/);
  });

  it('completes commands, options, choices and nested commands in bash', async () => {
    const script = (await runCli(['completion', 'bash'])).stdout;
    const dir = mkdtempSync(join(tmpdir(), 'agentdrop-completion-'));
    try {
      writeFileSync(join(dir, 'agentdrop.bash'), script);
      const complete = (...words: string[]): string =>
        execFileSync(
          'bash',
          [
            '-c',
            `source "$0"; COMP_WORDS=("$@"); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); _agentdrop; echo "\${COMPREPLY[*]}"`,
            join(dir, 'agentdrop.bash'),
            'agentdrop',
            ...words,
          ],
          { encoding: 'utf8' },
        ).trim();
      expect(complete('re')).toBe('receipt redeploy');
      expect(complete('destroy', '--p')).toBe('--profile');
      expect(complete('plan', 'x', '--mode', '')).toBe('auto harness runtime');
      expect(complete('secrets', '')).toBe('set list help');
      expect(complete('secrets', 'set', '--f')).toBe('--from-env');
      expect(complete('completion', '')).toBe('bash zsh fish');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
