import { join } from 'node:path';
import type { FileTree } from '../core/bundle/index.js';
import { readDirectoryBundle } from '../core/bundle/index.js';
import { compileRuntime, zipBuildContext } from '../core/compile/index.js';
import { type Plan, planDeploy } from '../core/plan/index.js';
import {
  makeAgentPlan,
  makeMcpPlan,
  makePlan,
  makeSecretBinding,
  makeSkillBundle,
} from '../test/fixtures/plan-builder.js';
import { syntheticDrop } from './synthetic-drop.js';

/** One measurement of the runtime compiler. */
export interface CompileBenchFigure {
  readonly case: string;
  readonly agents: number;
  readonly skills: number;
  readonly files: number;
  readonly contextMB: number;
  readonly zipMB: number;
  readonly compileMs: number;
  readonly zipMs: number;
}

const RepoRoot = join(import.meta.dirname, '..');
// A spec §7 header template, not a JavaScript placeholder.
const TokenHeader = 'Bearer ${TOKEN}';

/**
 * Compile time and build-context size (target: under 1 s) for the team example, the planner benchmark's
 * synthetic 200-agent drop (200 skills) planned in runtime mode, and a synthetic 200-agent plan from the
 * test fixture builder (10 coordinators, every agent with an MCP server and a secret header). Prints a
 * table and returns the figures keyed by case.
 */
export async function benchCompile(): Promise<Record<string, unknown>> {
  const figures: CompileBenchFigure[] = [];

  const example = await readDirectoryBundle(join(RepoRoot, 'examples/team'));
  if (example.ok) {
    figures.push(measure('examples/team', planDeploy(example.tree, { project: 'team' }), example.tree));
  }
  const droppedFiles = syntheticDrop({ skills: 200 });
  const dropped: FileTree = { files: droppedFiles };
  figures.push(
    measure(
      'synthetic drop: 200 agents, 200 skills',
      planDeploy(dropped, { project: 'synthetic', mode: 'runtime' }),
      dropped,
    ),
  );
  const built = syntheticPlan(200);
  figures.push(measure('fixture plan: 200 agents, 20 skills', built.plan, built.tree));

  console.table(figures);
  return Object.fromEntries(figures.map((f) => [f.case, f]));
}

function measure(name: string, plan: Plan, tree: FileTree): CompileBenchFigure {
  if (!plan.deployable) throw new Error(`bench case ${name} is not deployable`);
  compileRuntime(plan, tree); // warm-up: JIT and module init are not the compiler's cost
  const started = performance.now();
  const context = compileRuntime(plan, tree);
  const compiled = performance.now();
  const zip = zipBuildContext(context);
  const zipped = performance.now();
  const bytes = [...context.files.values()].reduce((n, b) => n + b.byteLength, 0);
  return {
    case: name,
    agents: plan.agents.length,
    skills: plan.skillBundles.length,
    files: context.files.size,
    contextMB: round(bytes / 2 ** 20),
    zipMB: round(zip.byteLength / 2 ** 20),
    compileMs: round(compiled - started),
    zipMs: round(zipped - compiled),
  };
}

/** A 200-agent runtime plan: `agent-000` leads 9 coordinators and 19 specialists; each coordinator 19 more. */
function syntheticPlan(agents: number): { plan: Plan; tree: FileTree } {
  const encoder = new TextEncoder();
  const files = new Map<string, Uint8Array>();
  const names = Array.from({ length: agents }, (_, i) => `agent-${String(i).padStart(3, '0')}`);
  const coordinators = names.slice(0, 10);
  const skills = Array.from({ length: 20 }, (_, i) => `skill-${String(i).padStart(2, '0')}`);
  const bundles = skills.map((skill) => {
    const source = `.managed-agents/shared/skills/${skill}`;
    const skillFiles = ['SKILL.md', 'reference.md'];
    for (const f of skillFiles)
      files.set(`${source}/${f}`, encoder.encode(`# ${skill} ${f}\n${'text '.repeat(1600)}\n`));
    return makeSkillBundle({ name: skill, files: skillFiles, source, usedBy: [] });
  });
  const agentPlans = names.map((name, i) => {
    const isCoordinator = i < coordinators.length;
    const subagents =
      i === 0
        ? [...coordinators.slice(1), ...names.filter((_, j) => j >= 10 && j % 10 === 0)]
        : isCoordinator
          ? names.filter((_, j) => j >= 10 && j % 10 === i)
          : [];
    return makeAgentPlan({
      name,
      instruction: `You are ${name}. ${'Follow the playbook carefully. '.repeat(200)}`,
      subagents,
      skills: [skills[i % skills.length]!],
      mcp: [
        makeMcpPlan({
          server: `mcp-${name}`,
          headers: { Authorization: TokenHeader },
          allowedTools: ['search'],
        }),
      ],
    });
  });
  const bindings = names.map((name) =>
    makeSecretBinding({
      name: 'TOKEN',
      agent: name,
      server: `mcp-${name}`,
      envVar: `AGENTDROP_MCP_MCP_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_AUTHORIZATION`,
    }),
  );
  return {
    plan: makePlan({
      project: 'synthetic',
      root: names[0]!,
      agents: agentPlans,
      skillBundles: bundles,
      secretNames: ['TOKEN'],
      secretBindings: bindings,
    }),
    tree: { files },
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
