import { createHash } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { AgentDropStackProps } from '../../infra/index.js';

/** One cdk-nag finding from `validation-report.json`. */
export interface NagFinding {
  readonly ruleName: string;
  /** Paths of the constructs it was found on. */
  readonly paths: readonly string[];
}

/** A synthesized stack: its template and the cdk-nag AwsSolutions findings left unacknowledged. */
export interface SynthResult {
  readonly template: Template;
  readonly findings: readonly NagFinding[];
}

const root = new URL('../../', import.meta.url).pathname;
const cacheDir = join(root, 'test/fixtures/generated/infra');

/**
 * Synthesizes the default agentdrop stack with AwsSolutions checks, in-process and without bundling the Lambdas
 * (context `aws:cdk:bundling-stacks`), so tests need neither Docker nor the handlers. The result is cached under
 * test/fixtures/generated/ keyed by a hash of every input (infra sources, the ASL, the buildspec, library
 * versions), so the test files share one synth instead of paying ~5 s each.
 */
export async function synthDefaultStack(): Promise<SynthResult> {
  const file = join(cacheDir, `${inputHash()}.json`);
  try {
    const cached = JSON.parse(readFileSync(file, 'utf8')) as { template: object; findings: NagFinding[] };
    return { template: Template.fromJSON(cached.template), findings: cached.findings };
  } catch {
    const { json, findings } = await synth({}, true);
    mkdirSync(cacheDir, { recursive: true });
    const partial = `${file}.${process.pid}`;
    writeFileSync(partial, JSON.stringify({ template: json, findings }));
    renameSync(partial, file);
    // Older entries belong to earlier sources; keep the directory to the current one.
    for (const name of readdirSync(cacheDir)) {
      if (join(cacheDir, name) !== file && name.endsWith('.json'))
        rmSync(join(cacheDir, name), { force: true });
    }
    return { template: Template.fromJSON(json), findings };
  }
}

/**
 * Synthesizes the stack with the given props (no cache); `nag` adds the AwsSolutions checks; `stackName` names
 * the stack (its `agentdrop:stack` tag conditions), e.g. the local pipeline's `agentdrop-local`.
 */
export async function synthStack(
  props: AgentDropStackProps = {},
  options: { nag?: boolean; stackName?: string } = {},
): Promise<SynthResult> {
  const { json, findings } = await synth(props, options.nag ?? false, options.stackName);
  return { template: Template.fromJSON(json), findings };
}

/** Runs the AwsSolutions checks on an app that `build` fills; returns the unacknowledged findings. */
export async function nagFindingsOf(build: (app: App) => void): Promise<NagFinding[]> {
  const { App, Validations } = await import('aws-cdk-lib');
  const { AwsSolutionsChecks } = await import('cdk-nag');
  const outdir = mkdtempSync(join(tmpdir(), 'agentdrop-cdk-'));
  try {
    const app = new App({ outdir, analyticsReporting: false });
    build(app);
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    try {
      app.synth();
    } catch {
      // Unacknowledged findings make synth throw after the report is written.
    }
    return readFindings(outdir);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

async function synth(
  props: AgentDropStackProps,
  nag: boolean,
  stackName = 'agentdrop',
): Promise<{ json: object; findings: NagFinding[] }> {
  // Loaded only on a cache miss: the construct library and cdk-nag cost about a second per test file.
  const { App, Validations } = await import('aws-cdk-lib');
  const { AwsSolutionsChecks } = await import('cdk-nag');
  const { AgentDropStack } = await import('../../infra/index.js');
  const outdir = mkdtempSync(join(tmpdir(), 'agentdrop-cdk-'));
  try {
    const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] }, analyticsReporting: false });
    new AgentDropStack(app, stackName, props);
    if (nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    try {
      app.synth();
    } catch (error) {
      // Unacknowledged findings make synth throw after writing the report; anything else is a real failure.
      if (!nag) throw error;
    }
    const json = JSON.parse(readFileSync(join(outdir, `${stackName}.template.json`), 'utf8')) as object;
    return { json, findings: nag ? readFindings(outdir) : [] };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

function readFindings(outdir: string): NagFinding[] {
  const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as {
    pluginReports?: {
      violations?: { ruleName: string; violatingConstructs?: { constructPath: string }[] }[];
    }[];
  };
  return (report.pluginReports ?? []).flatMap((plugin) =>
    (plugin.violations ?? []).map((violation) => ({
      ruleName: violation.ruleName,
      paths: (violation.violatingConstructs ?? []).map((construct) => construct.constructPath),
    })),
  );
}

function inputHash(): string {
  const hash = createHash('sha256');
  const files = [
    ...readdirSync(join(root, 'infra')).map((name) => `infra/${name}`),
    'statemachine/deploy.asl.json',
    'buildspecs/runtime-image.yml',
    'functions/lib/detail-types.ts',
    'core/plan/models.ts',
    'core/plan/secret-bindings.ts',
    'test/infra/synth-stack.ts',
    'node_modules/aws-cdk-lib/package.json',
    'node_modules/cdk-nag/package.json',
  ].sort();
  for (const file of files) {
    hash.update(file);
    hash.update(readFileSync(join(root, file)));
  }
  return hash.digest('hex').slice(0, 16);
}
