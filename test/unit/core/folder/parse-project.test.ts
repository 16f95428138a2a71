import { describe, expect, it } from 'vitest';
import { readZipBundle } from '../../../../core/bundle/index.js';
import { planDeploy } from '../../../../core/plan/index.js';
import { writeRawZip } from '../../../fixtures/raw-zip-writer.js';

describe('parseProject (through readZipBundle and planDeploy)', () => {
  describe('when the zip holds only directory entries under .managed-agents/', () => {
    it('returns project.empty, with a warning per agent folder without an agent file', async () => {
      const bundle = await readZipBundle(
        writeRawZip([{ name: '.managed-agents/' }, { name: '.managed-agents/lead/' }]),
      );
      const plan = planDeploy(bundle, { project: 'crew' });
      expect(plan.deployable).toBe(false);
      expect(plan.diagnostics).toEqual([
        {
          level: 'error',
          code: 'project.empty',
          where: 'project',
          message:
            'No agents in .managed-agents/: an agent is a folder .managed-agents/<name>/ holding agent.md (or CLAUDE.md).',
        },
        {
          level: 'warning',
          code: 'project.dir_ignored',
          where: 'project',
          message: "Folder '.managed-agents/lead/' has no agent.md or CLAUDE.md and is ignored.",
        },
      ]);
    });

    it('returns project.empty for the bare .managed-agents/ folder', async () => {
      const plan = planDeploy(await readZipBundle(writeRawZip([{ name: '.managed-agents/' }])), {
        project: 'crew',
      });
      expect(plan.diagnostics.map((d) => d.code)).toEqual(['project.empty']);
    });
  });

  describe('when the zip holds only other directories', () => {
    it('returns project.not_found', async () => {
      const plan = planDeploy(await readZipBundle(writeRawZip([{ name: 'docs/' }, { name: 'src/' }])), {
        project: 'crew',
      });
      expect(plan.diagnostics.map((d) => d.code)).toEqual(['project.not_found']);
    });
  });
});
