import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDirectoryBundle } from '../../../../core/bundle/index.js';
import { type DeployedImport, type LiveHarness, sourceFromHarness } from '../../../../core/import/index.js';
import { planDeploy } from '../../../../core/plan/index.js';

const Example = join(import.meta.dirname, '../../../../examples/single');

/** examples/single as deployed: its plan with the skill bytes, and the harness agentdrop made from it. */
async function deployedExample(): Promise<{ deployed: DeployedImport; live: LiveHarness }> {
  const plan = planDeploy(await readDirectoryBundle(Example), { project: 'support' });
  const skills = await Promise.all(
    plan.skillBundles.map(async (bundle) => ({
      ...bundle,
      files: new Map(
        await Promise.all(
          bundle.files.map(
            async (path) => [path, await readFile(join(Example, bundle.source, path))] as const,
          ),
        ),
      ),
    })),
  );
  const agent = plan.agents[0]!;
  return {
    deployed: { ...plan, skills },
    live: {
      harnessName: plan.name!,
      region: 'us-west-2',
      modelId: agent.model,
      systemPrompt: [agent.instruction],
      mcp: agent.mcp.map((server) => ({
        server: server.server,
        url: server.url,
        headerNames: Object.keys(server.headers),
      })),
      builtinToolTypes: plan.builtinToolTypes,
      skills: skills.map((skill) => ({ uri: `s3://artifacts/${skill.s3Prefix}`, files: skill.files })),
      memory: false,
      unsupported: [],
    },
  };
}

describe('sourceFromHarness', () => {
  describe('when the harness is as its plan deployed it', () => {
    it('returns the plan as the source, with no note', async () => {
      const { deployed, live } = await deployedExample();
      const { source, notes } = sourceFromHarness(live, deployed);
      expect(notes).toEqual([]);
      expect(source.agents[0]).toEqual(
        expect.objectContaining({
          folderModel: 'claude-haiku-4-5',
          knowledge: deployed.agents[0]!.knowledge,
          mcp: deployed.agents[0]!.mcp,
          builtinTools: ['grep', 'read', 'web_fetch'],
        }),
      );
      expect([source.smoke, source.skills]).toEqual([deployed.smoke, deployed.skills]);
    });
  });

  describe('when the prompt and a header changed behind its back', () => {
    it('takes the harness, templating the header it does not know, and notes each difference', async () => {
      const { deployed, live } = await deployedExample();
      const changed = {
        ...live,
        systemPrompt: ['Be terse.'],
        mcp: [{ ...live.mcp[0]!, headerNames: ['X-Api-Key'] }],
      };
      const { source, notes } = sourceFromHarness(changed, deployed);
      expect(notes.map((note) => `${note.code} ${note.where}`)).toEqual([
        'import.secret_templated mcp:helpdesk/docs',
        'import.live_differs agent:helpdesk',
      ]);
      expect(source.agents[0]).toEqual(
        expect.objectContaining({
          instruction: 'Be terse.',
          knowledge: { mode: 'inline', inlined: [], omitted: [] },
          mcp: [expect.objectContaining({ server: 'docs', headers: { 'X-Api-Key': '${DOCS_X_API_KEY}' } })],
        }),
      );
    });
  });

  describe('when agentdrop did not deploy the harness', () => {
    it('builds the source from the harness alone, the sandbox tools kept without the browser', async () => {
      const { live } = await deployedExample();
      const { source, notes } = sourceFromHarness(
        { ...live, harnessName: 'hand_made', builtinToolTypes: [], unsupported: ['maxIterations'] },
        null,
      );
      expect(notes.map((note) => note.code)).toEqual([
        'import.not_agentdrop',
        'import.setting_unsupported',
        'import.secret_templated',
      ]);
      expect(source.agents[0]).toEqual(
        expect.objectContaining({
          name: 'hand_made',
          folderModel: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
          builtinTools: ['read', 'glob', 'grep', 'bash', 'write', 'edit'],
          skills: ['ticket-triage'],
        }),
      );
      expect(source.smoke).toEqual({ prompt: 'Say hello in one short sentence.', expect: null });
    });
  });
});
