import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { CommandIndex } from '../../../cli/command-index.js';
import type { CliIo } from '../../../cli/io.js';
import { RepoRoot, runCli } from '../../support/run-cli.js';

const io: CliIo = { stdout: () => {}, stderr: () => {}, isTty: false, env: {}, cwd: '.' };

describe('main', () => {
  describe('when no command is named', () => {
    it('lists every command with the line and description its module registers', async () => {
      const program = new Command('agentdrop');
      for (const entry of Object.values(CommandIndex)) (await entry.load())(program, io, () => {});
      const help = program.createHelp();
      const registered = program.commands.map((command) => [
        help.subcommandTerm(command),
        command.description(),
      ]);
      expect(Object.values(CommandIndex).map((entry) => [entry.term, entry.summary])).toEqual(registered);
    });

    it('indexes every module of cli/commands', () => {
      const modules = readdirSync(join(RepoRoot, 'cli', 'commands')).map((file) => file.replace(/\.ts$/, ''));
      expect(Object.keys(CommandIndex).sort()).toEqual(modules.sort());
    });

    it('prints those lines in the help', async () => {
      const run = await runCli(['--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('  plan [options] <drop>                   Check a drop offline');
      expect(run.stdout).toContain('  help [command]                          display help for command');
    });
  });

  it('prints the package version with --version', async () => {
    const run = await runCli(['--version']);
    expect(run).toEqual({ code: 0, stdout: '0.1.0\n', stderr: '' });
  });

  it('rejects an unknown command as a usage error', async () => {
    const run = await runCli(['deploy']);
    expect([run.code, run.stderr]).toEqual([
      2,
      "usage: unknown command 'deploy'\n(Did you mean redeploy?) (see agentdrop --help)\n",
    ]);
  });
});
