import { describe, expect, it } from 'vitest';
import { CompileError, compileRuntime, zipBuildContext } from '../../../../core/compile/index.js';
import { RuntimeTemplate } from '../../../../core/runtime-template/index.js';
import { makePlan } from '../../../fixtures/plan-builder.js';
import { makeRuntimeTeam, TriageSkillFiles } from '../../../fixtures/runtime-team.js';

const Canary = 'canary-secret-1d5e0b77c2';
const decoder = new TextDecoder();

describe('compileRuntime', () => {
  describe('when given a 3-level team', () => {
    it('returns the runtime template, the roster, the notes and every skill file', () => {
      const { plan, tree } = makeRuntimeTeam({ mcpUrl: 'https://docs.example.com/mcp' });
      const context = compileRuntime(plan, tree);
      expect([...context.files.keys()].sort()).toEqual(
        [
          ...Object.keys(RuntimeTemplate),
          'NOTES.md',
          'skills/triage-guide/SKILL.md',
          'skills/triage-guide/labels.csv',
          'team.json',
        ].sort(),
      );
    });

    it('copies the runtime template byte for byte', () => {
      const { plan, tree } = makeRuntimeTeam({ mcpUrl: 'https://docs.example.com/mcp' });
      const context = compileRuntime(plan, tree);
      for (const [path, text] of Object.entries(RuntimeTemplate)) {
        expect(decoder.decode(context.files.get(path)), path).toBe(text);
      }
    });

    it('copies skill files byte for byte', () => {
      const { plan, tree } = makeRuntimeTeam({ mcpUrl: 'https://docs.example.com/mcp' });
      const context = compileRuntime(plan, tree);
      expect(decoder.decode(context.files.get('skills/triage-guide/SKILL.md'))).toBe(
        TriageSkillFiles['SKILL.md'],
      );
      expect(context.files.get('skills/triage-guide/labels.csv')).toBe(
        tree.files.get('.managed-agents/triage/skills/triage-guide/labels.csv'),
      );
    });

    it('writes an arm64 Dockerfile with a non-root user, port 8080 and a ping health check', () => {
      const { plan, tree } = makeRuntimeTeam({ mcpUrl: 'https://docs.example.com/mcp' });
      const dockerfile = decoder.decode(compileRuntime(plan, tree).files.get('Dockerfile'));
      expect(dockerfile).toContain('FROM --platform=linux/arm64 public.ecr.aws/docker/library/node:22-slim');
      expect(dockerfile).toContain('USER node');
      expect(dockerfile).toContain('EXPOSE 8080');
      expect(dockerfile).toMatch(/HEALTHCHECK .*\n.*\/ping/);
      expect(dockerfile).toContain('COPY package.json package-lock.json ./');
      expect(dockerfile).toContain('npm ci --omit=dev');
    });

    it('locks exactly the dependencies package.json pins', () => {
      const { plan, tree } = makeRuntimeTeam({ mcpUrl: 'https://docs.example.com/mcp' });
      const context = compileRuntime(plan, tree);
      const lock = JSON.parse(decoder.decode(context.files.get('package-lock.json'))) as {
        packages: Record<string, { dependencies?: Record<string, string> }>;
      };
      const manifest = JSON.parse(decoder.decode(context.files.get('package.json'))) as {
        dependencies: unknown;
      };
      expect(lock.packages['']?.dependencies).toEqual(manifest.dependencies);
    });

    it('names the spec hash and the runtime template in NOTES.md', () => {
      const { plan, tree } = makeRuntimeTeam({ mcpUrl: 'https://docs.example.com/mcp' });
      const notes = decoder.decode(compileRuntime(plan, tree).files.get('NOTES.md'));
      expect(notes).toContain(`(spec hash \`${plan.specHash}\`, runtime template \`${plan.templateHash}\`)`);
    });

    it('names the secret and its variable in NOTES.md, never a value', () => {
      const { plan, tree } = makeRuntimeTeam({ mcpUrl: 'https://docs.example.com/mcp' });
      const notes = decoder.decode(compileRuntime(plan, tree).files.get('NOTES.md'));
      expect(notes).toContain('| DOCS_TOKEN | `AGENTDROP_MCP_DOCS_AUTHORIZATION` | docs | Authorization |');
    });
  });

  describe('when a secret value is present in the environment', () => {
    it('never puts it in the build context', () => {
      process.env.AGENTDROP_MCP_DOCS_AUTHORIZATION_VALUE = Canary;
      process.env.DOCS_TOKEN = Canary;
      try {
        const { plan, tree } = makeRuntimeTeam({ mcpUrl: 'https://docs.example.com/mcp' });
        const context = compileRuntime(plan, tree);
        for (const bytes of context.files.values()) expect(decoder.decode(bytes)).not.toContain(Canary);
        expect(Buffer.from(zipBuildContext(context)).includes(Canary)).toBe(false);
      } finally {
        delete process.env.AGENTDROP_MCP_DOCS_AUTHORIZATION_VALUE;
        delete process.env.DOCS_TOKEN;
      }
    });
  });

  describe('when the same plan is compiled twice', () => {
    it('returns byte-identical zips', () => {
      const first = makeRuntimeTeam({ mcpUrl: 'https://docs.example.com/mcp' });
      const second = makeRuntimeTeam({ mcpUrl: 'https://docs.example.com/mcp' });
      const a = zipBuildContext(compileRuntime(first.plan, first.tree));
      const b = zipBuildContext(compileRuntime(second.plan, second.tree));
      expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
      const changed = makeRuntimeTeam({ mcpUrl: 'https://other.example.com/mcp' });
      const c = zipBuildContext(compileRuntime(changed.plan, changed.tree));
      expect(Buffer.from(a).equals(Buffer.from(c))).toBe(false);
    });
  });

  describe('when the plan was made with another runtime template', () => {
    it('rejects with TemplateMismatch', () => {
      const { plan, tree } = makeRuntimeTeam({ mcpUrl: 'https://docs.example.com/mcp' });
      expect(() => compileRuntime({ ...plan, templateHash: 'f'.repeat(64) }, tree)).toThrowError(
        expect.objectContaining({
          name: 'TemplateMismatch',
          message: `The plan for ${plan.project} was made with another runtime template; plan the drop again with this compiler.`,
        }),
      );
    });
  });

  describe('when the plan is a harness plan', () => {
    it('rejects with NotRuntimePlan', () => {
      const plan = makePlan({ mode: 'harness' });
      expect(() => compileRuntime(plan, { files: new Map() })).toThrowError(
        expect.objectContaining({
          name: 'NotRuntimePlan',
          message: 'harness mode needs no container (use --mode runtime to build one anyway)',
        }),
      );
    });
  });

  describe('when the plan is not deployable', () => {
    it('rejects with PlanNotDeployable', () => {
      expect(() => compileRuntime(makePlan({ deployable: false }), { files: new Map() })).toThrowError(
        CompileError,
      );
      expect(() => compileRuntime(makePlan({ deployable: false }), { files: new Map() })).toThrowError(
        expect.objectContaining({ name: 'PlanNotDeployable' }),
      );
    });
  });

  describe('when a skill file is missing from the tree', () => {
    it('rejects with PlanTreeMismatch', () => {
      const { plan } = makeRuntimeTeam({ mcpUrl: 'https://docs.example.com/mcp' });
      expect(() => compileRuntime(plan, { files: new Map() })).toThrowError(
        expect.objectContaining({
          name: 'PlanTreeMismatch',
          context: { skill: 'triage-guide', path: 'SKILL.md' },
        }),
      );
    });
  });
});
