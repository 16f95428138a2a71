import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/run-cli.js';

describe('agentdrop plan', () => {
  it('shows a runtime plan for the team example and exits 0', async () => {
    const run = await runCli(['plan', 'examples/team']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Mode       runtime — auto: 3 agents with delegation under entry 'editor'");
    expect(run.stdout).toContain('Resource   agentdrop_team_editor');
    expect(run.stdout).toMatch(/researcher {2}\(subagent of editor\)/);
    expect(run.stdout).toMatch(/cite-sources {2}[0-9a-f]{12} {2}1 file\(s\) {2}used by researcher, writer/);
    expect(run.stdout).toContain('researcher/aws-docs  https://knowledge-mcp.global.api.aws');
    expect(run.stdout.trimEnd().endsWith('Deployable: yes')).toBe(true);
    expect(run.stderr).toBe('');
  });

  it('prints the plan object with --json', async () => {
    const run = await runCli(['plan', 'examples/single', '--json']);
    const plan = JSON.parse(run.stdout);
    expect([run.code, plan.mode, plan.name, plan.secretNames]).toEqual([
      0,
      'harness',
      'agentdrop_single_helpdesk',
      ['DOCS_TOKEN'],
    ]);
  });

  it('honours --mode, --region and --project', async () => {
    const run = await runCli([
      'plan',
      'examples/single',
      '--json',
      '--mode',
      'runtime',
      '--region',
      'eu-west-1',
      '--project',
      'desk',
    ]);
    const plan = JSON.parse(run.stdout);
    expect([plan.mode, plan.reason, plan.name, plan.agents[0].model]).toEqual([
      'runtime',
      'runtime requested by request',
      'agentdrop_desk_helpdesk',
      'eu.anthropic.claude-haiku-4-5-20251001-v1:0',
    ]);
  });

  it('fails with exit 1 and the diagnostic codes for a drop that is not deployable', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'agentdrop-plan-'));
    await writeFile(join(dir, 'agent.md'), '---\ntools: Read, Grep\n---\nHi\n');
    const run = await runCli(['plan', dir, '--project', 'broken']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Errors (1)');
    expect(run.stdout).toMatch(
      /frontmatter\.type {2}agent:broken {2}agent\.md: 'tools' must be a list of strings/,
    );
    expect(run.stdout.trimEnd().endsWith('Deployable: no')).toBe(true);
    await rm(dir, { recursive: true, force: true });
  });

  it('fails with exit 1 for a folder name that is no valid project name', async () => {
    const run = await runCli(['plan', 'examples/team', '--project', 'Team']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('project.invalid_name');
    expect(run.stderr).toBe('project.invalid_name: use --project team\n');
    const build = await runCli([
      'build',
      'examples/team',
      '--project',
      'Team',
      '--zip',
      '/nonexistent/x.zip',
    ]);
    expect([build.code, build.stderr.split('\n')[0]]).toEqual([
      1,
      'project.invalid_name: Team is not deployable (1 error(s)); use --project team.',
    ]);
  });

  it.each([
    [['plan'], "usage: missing required argument 'drop'"],
    [['plan', 'examples/team', '--colour'], "usage: unknown option '--colour'"],
    [['plan', 'examples/team', '--mode', 'fast'], 'usage: option'],
    [['plan', 'no/such/folder'], 'usage: no such file or directory: no/such/folder'],
    [['launch'], "usage: unknown command 'launch'"],
  ])('exits 2 with a one-line usage error for %j', async (argv, message) => {
    const run = await runCli(argv);
    expect(run.code).toBe(2);
    expect(run.stderr.startsWith(message)).toBe(true);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
