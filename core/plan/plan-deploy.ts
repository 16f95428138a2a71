import type { BundleResult, FileTree } from '../bundle/index.js';
import {
  compareCodePoints,
  type Diagnostic,
  hasErrors,
  makeDiagnostic,
  sortDiagnostics,
} from '../diagnostics/index.js';
import { type Project, parseProject } from '../folder/index.js';
import { RuntimeAgentBundle, RuntimeTemplateHash } from '../runtime-template/index.js';
import { checkUnzippedCodeSize, chooseArtifact } from './artifact.js';
import { checkServerConflicts, collectSkillBundles } from './attachments.js';
import type { RuntimeBuiltinSupport } from './builtins.js';
import { CompilerVersion } from './compiler-version.js';
import { emptyPlan } from './empty-plan.js';
import { MemoryStrategies, type MemoryStrategy } from './memory-strategies.js';
import { chooseMode } from './mode.js';
import { type AgentUses, planAgent } from './plan-agent.js';
import { validateProjectName } from './project-name.js';
import { ecrRepositoryName, resourceName, skillPrefix } from './resource-names.js';
import { buildRoster } from './roster.js';
import { pipelineVariableCount } from './runtime-variables.js';
import { bindSecrets, DefaultSecretPrefix } from './secret-bindings.js';
import { fingerprint, specHash } from './spec-hash.js';
import type { CodePlan, DeployMode, Plan, RequestedArtifact, RequestedMode, SkillBundle } from './types.js';

/** Default region when neither request, manifest nor stack sets one (spec §1.4). */
export const DefaultRegion = 'us-west-2';
/** Default smoke prompt: harmless, asks for no tool use (DESIGN §4.6). */
export const DefaultSmokePrompt = 'Say hello in one short sentence.';
/**
 * The Harness preview's launch regions, outside which spec §8 warns `harness.region_preview` (the deploy is still
 * tried). Not the list of regions that serve harnesses: preflight refuses by that one (`HarnessRegions`), which
 * holds every launch region, so a region without this warning is never refused for its region.
 */
export const HarnessLaunchRegions: readonly string[] = [
  'us-east-1',
  'us-west-2',
  'eu-central-1',
  'ap-southeast-2',
];

/** Inputs of the planner besides the files (spec §1.4, §9.5). */
export interface PlanOptions {
  /** Project name, from the S3 key or the CLI (spec §1.1). */
  readonly project: string;
  /** Mode requested by a flag or a `Redeploy Requested` event. @default the manifest's, else auto */
  readonly mode?: RequestedMode;
  /** Region requested by a flag or event. @default manifest, stack region, then us-west-2 */
  readonly region?: string;
  /** Entry requested by a flag. @default manifest `entry`, else the unique root */
  readonly entry?: string;
  /** Requested skipUnsupported. @default the manifest's, else false */
  readonly skipUnsupported?: boolean;
  /** The stack's region. @default us-west-2 */
  readonly stackRegion?: string;
  /** The stack's default model. @default claude-haiku-4-5 */
  readonly stackDefaultModel?: string;
  /** Secrets Manager name prefix. @default 'agentdrop/' */
  readonly secretPrefix?: string;
  /**
   * Which built-ins the Runtime can map to AgentCore tools (DESIGN §7); unmapped ones are
   * `runtime.builtin_unavailable` warnings (spec §8).
   * @default Code Interpreter yes, Browser no (see DefaultRuntimeBuiltins)
   */
  readonly runtimeBuiltins?: RuntimeBuiltinSupport;
  /**
   * The long-term memory strategies AgentCore Memory offers in the plan's region; a requested one outside
   * it is `runtime.memory_unavailable` and left out (spec §8).
   * @default all of them (semantic, summary, userPreference)
   */
  readonly memoryStrategiesOffered?: readonly MemoryStrategy[];
  /**
   * The stack's default `runtime.artifact`, for drops whose agentdrop.yaml sets none.
   * @default 'container' — the runtime ships as an image CodeBuild builds
   */
  readonly runtimeArtifact?: RequestedArtifact;
}

/**
 * Plans a deploy from a drop (spec §1–§9): pure and deterministic. A bundle that failed its safety
 * scan, a bad project name or a broken folder still yields a plan, with `deployable: false` and every
 * diagnostic; nothing is thrown for a bad drop.
 */
export function planDeploy(input: FileTree | BundleResult, options: PlanOptions): Plan {
  const bundle: BundleResult = 'files' in input ? { ok: true, tree: input, diagnostics: [] } : input;
  const nameProblem = validateProjectName(options.project);
  if (nameProblem) return emptyPlan(options, [nameProblem]);
  if (!bundle.ok) return emptyPlan(options, [...bundle.diagnostics]);
  const parsed = parseProject(bundle.tree, options.project);
  const diagnostics: Diagnostic[] = [...bundle.diagnostics, ...parsed.diagnostics];
  if (!parsed.project) return emptyPlan(options, diagnostics);
  return planProject(parsed.project, options, diagnostics);
}

function planProject(project: Project, options: PlanOptions, diagnostics: Diagnostic[]): Plan {
  const { manifest } = project;
  if (manifest.project !== undefined && manifest.project !== options.project) {
    diagnostics.push(
      makeDiagnostic(
        'project.name_mismatch',
        'project',
        `agentdrop.yaml says this folder is project '${manifest.project}', but it is deployed as '${options.project}'; push it as ${manifest.project} (drops/${manifest.project}.zip), or change or remove 'project'.`,
      ),
    );
  }
  const region = options.region ?? manifest.region ?? options.stackRegion ?? DefaultRegion;
  const skipUnsupported = options.skipUnsupported ?? manifest.skipUnsupported ?? false;
  const secretPrefix = options.secretPrefix ?? DefaultSecretPrefix;
  const roster = buildRoster(project.agents, options.entry ?? manifest.entry, skipUnsupported);
  diagnostics.push(...roster.diagnostics);
  // Agents left out by skipUnsupported vanish with their own findings, as if absent (spec §3.9).
  const removed = new Set(roster.removed);
  const kept = diagnostics.filter((d) => !belongsToRemoved(d, removed));
  diagnostics.length = 0;
  diagnostics.push(...kept);

  const agents = project.agents.filter((agent) => roster.deployed.has(agent.name));
  const requested = options.mode ?? manifest.mode ?? 'auto';
  const modeSource = options.mode ? 'request' : 'manifest';
  const decision = chooseMode(requested, modeSource, agents.length, roster.entry ?? agents[0]?.name ?? '');
  if (decision.diagnostic) diagnostics.push(decision.diagnostic);
  const mode: DeployMode = decision.mode;

  const uses: AgentUses = { servers: [], skills: [] };
  const agentPlans = agents.map((agent) =>
    planAgent(agent, project, mode, region, options, skipUnsupported, diagnostics, uses),
  );
  diagnostics.push(...checkServerConflicts(uses.servers));
  const collected = collectSkillBundles(uses.skills);
  diagnostics.push(...collected.diagnostics);
  const skillBundles: SkillBundle[] = [...collected.bundles.values()]
    .map(({ skill, usedBy }) => ({
      name: skill.name,
      contentHash: skill.contentHash,
      files: skill.files,
      bytes: skill.bytes,
      usedBy: [...usedBy].sort(compareCodePoints),
      source: skill.dir,
      s3Prefix: mode === 'harness' ? skillPrefix(options.project, skill.contentHash, skill.name) : null,
    }))
    .sort((a, b) => compareCodePoints(a.name, b.name));
  const memory = manifest.memoryEnabled ?? false;
  const secrets = bindSecrets(uses.servers, mode, secretPrefix, pipelineVariableCount(memory));
  diagnostics.push(...secrets.diagnostics);

  const memoryPlan = memory ? planMemory(mode, manifest.memoryStrategies ?? [], region, options) : null;
  if (memoryPlan) diagnostics.push(...memoryPlan.diagnostics);
  if (mode === 'harness') {
    if (!HarnessLaunchRegions.includes(region)) {
      diagnostics.push(
        makeDiagnostic(
          'harness.region_preview',
          'project',
          `Harness is in preview in ${HarnessLaunchRegions.join(', ')}; ${region} may reject it (the deploy is still tried).`,
        ),
      );
    }
    if (skillBundles.length > 0) {
      diagnostics.push(
        makeDiagnostic(
          'harness.skills_via_s3',
          'project',
          `Skills attach from S3: ${skillBundles.map((s) => s.name).join(', ')}.`,
        ),
      );
    }
  }

  const entry = roster.entry;
  const names = entry ? resourceName(options.project, entry, mode) : null;
  if (names?.truncated) {
    diagnostics.push(
      makeDiagnostic(
        'name.truncated',
        'project',
        `Resource name ${names.full} is shortened to ${names.name}.`,
      ),
    );
  }
  const builtinToolTypes = [...new Set(agentPlans.flatMap((agent) => agent.builtinToolTypes))].sort();
  const code =
    mode === 'runtime'
      ? planArtifact(manifest.runtimeArtifact, options, agentPlans, skillBundles, diagnostics)
      : null;
  const sorted = sortDiagnostics(diagnostics);
  const deployable = !hasErrors(sorted) && entry !== null && names !== null;
  const hash =
    deployable && names && entry
      ? specHash({
          mode,
          compilerVersion: CompilerVersion,
          templateHash: RuntimeTemplateHash,
          name: names.name,
          root: entry,
          memory,
          ...(memoryPlan?.strategies ? { memoryStrategies: memoryPlan.strategies } : {}),
          agents: agentPlans,
          builtinToolTypes,
          skillBundles,
          ...(code ? { code } : {}),
        })
      : null;
  return {
    planVersion: 1,
    compilerVersion: CompilerVersion,
    project: options.project,
    mode,
    reason: decision.reason,
    modeSource: decision.source,
    region,
    name: names?.name ?? null,
    nameTruncated: names?.truncated ?? false,
    root: entry,
    agents: agentPlans,
    skillBundles,
    builtinToolTypes,
    ecrRepository: mode === 'runtime' && !code ? ecrRepositoryName(options.project) : null,
    imageTag: mode === 'runtime' && !code && hash ? hash.slice(0, 12) : null,
    templateHash: mode === 'runtime' ? RuntimeTemplateHash : null,
    memory,
    ...(memoryPlan?.strategies ? { memoryStrategies: memoryPlan.strategies } : {}),
    smoke: { prompt: manifest.smokePrompt ?? DefaultSmokePrompt, expect: manifest.smokeExpect ?? null },
    force: manifest.force ?? false,
    ...(manifest.onDrift ? { onDrift: manifest.onDrift } : {}),
    ...(code ? { code } : {}),
    secretNames: secrets.names,
    secretBindings: secrets.bindings,
    diagnostics: sorted,
    deployable,
    specHash: hash,
    fingerprint: hash && secrets.names.length === 0 ? fingerprint(hash, new Map()) : null,
  };
}

/**
 * The code package of a runtime that ships as code, or null for a container image: the manifest's
 * `runtime.artifact` wins over the stack's default, which is `container`.
 */
function planArtifact(
  manifestArtifact: RequestedArtifact | undefined,
  options: PlanOptions,
  agents: Plan['agents'],
  skillBundles: readonly SkillBundle[],
  diagnostics: Diagnostic[],
): CodePlan | null {
  const requested = manifestArtifact ?? options.runtimeArtifact ?? 'container';
  const chosen = chooseArtifact(requested, manifestArtifact ? 'manifest' : 'stack', agents);
  diagnostics.push(...chosen.diagnostics);
  if (chosen.artifact === 'container') return null;
  const unzippedBytes = RuntimeAgentBundle.bytes + skillBundles.reduce((sum, skill) => sum + skill.bytes, 0);
  diagnostics.push(...checkUnzippedCodeSize(unzippedBytes));
  return {
    runtime: 'NODE_22',
    entryPoint: [RuntimeAgentBundle.file],
    agentBundleHash: RuntimeAgentBundle.sha256,
    unzippedBytes,
  };
}

function belongsToRemoved(diagnostic: Diagnostic, removed: ReadonlySet<string>): boolean {
  if (removed.size === 0 || diagnostic.code === 'agent.unreachable') return false;
  const match = /^(?:agent|mcp):([^/]+)/.exec(diagnostic.where);
  return match !== null && removed.has(match[1]!);
}

/**
 * Memory of the plan (spec §8): a Harness gets managed memory (strategies are the service's choice); a
 * Runtime gets a project memory with the requested strategies the region offers, sorted.
 */
function planMemory(
  mode: DeployMode,
  requested: readonly MemoryStrategy[],
  region: string,
  options: PlanOptions,
): { strategies: MemoryStrategy[] | null; diagnostics: Diagnostic[] } {
  if (mode === 'harness') {
    const ignored =
      requested.length > 0 ? ` memory.strategies (${requested.join(', ')}) are its own choice.` : '';
    return {
      strategies: null,
      diagnostics: [
        makeDiagnostic(
          'harness.memory_managed',
          'project',
          `memory.enabled: the Harness gets AgentCore managed memory.${ignored}`,
        ),
      ],
    };
  }
  const offered = options.memoryStrategiesOffered ?? MemoryStrategies;
  const diagnostics: Diagnostic[] = [];
  const strategies: MemoryStrategy[] = [];
  for (const strategy of requested) {
    if (offered.includes(strategy)) strategies.push(strategy);
    else
      diagnostics.push(
        makeDiagnostic(
          'runtime.memory_unavailable',
          'project',
          `AgentCore Memory in ${region} does not offer the ${strategy} strategy; it is left out.`,
        ),
      );
  }
  strategies.sort(compareCodePoints);
  const kept =
    strategies.length > 0 ? `long-term strategies ${strategies.join(', ')}` : 'short-term events only';
  diagnostics.push(
    makeDiagnostic(
      'runtime.memory_attached',
      'project',
      `memory.enabled: the runtime gets the project's AgentCore Memory (${kept}), keyed by session and actor.`,
    ),
  );
  return { strategies, diagnostics };
}
