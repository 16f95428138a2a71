import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import {
  type BuildContext,
  compileCodePackage,
  compileRuntime,
  zipBuildContext,
} from '../../core/compile/index.js';
import type { Diagnostic } from '../../core/diagnostics/index.js';
import { planDeploy } from '../../core/plan/index.js';
import { localRuntimeAgent } from '../../local/runtime-agent/index.js';
import { BuildRefused } from '../errors.js';
import { type CliIo, ExitCode } from '../io.js';
import { loadDrop } from '../load-drop.js';
import { type PlanFlags, planOptionsFrom, withPlanFlags } from '../plan-flags.js';
import { projectFlagHint } from '../project-arg.js';
import { UsageError } from '../usage-error.js';

interface BuildFlags extends PlanFlags {
  readonly out?: string;
  readonly zip?: string;
  readonly json?: boolean;
}

/**
 * `agentdrop build <dir|zip>`: plans a drop offline and writes the runtime container build context, or the code
 * package of a runtime shipped as code (a directory, a deterministic zip, or both). Refuses a drop that is not deployable (printing its error
 * diagnostics) and a harness plan, which needs no container.
 * @throws BuildRefused (exit 1; with `--json` one error object)
 */
export function registerBuildCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  withPlanFlags(
    program
      .command('build')
      .description('Compile a runtime drop into its container build context offline (no AWS call).')
      .argument('<drop>', 'agent folder or .zip file')
      .option(
        '--out <dir>',
        'write the build context into this directory (default: .agentdrop/build/<project>)',
      )
      .option('--zip <file>', 'write the build context as a deterministic zip')
      .option('--json', 'print what was built (or the refusal) as JSON'),
  )
    .addHelpText(
      'after',
      '\nExamples:\n  agentdrop build examples/team\n  agentdrop build team.zip --zip context.zip\n  agentdrop build ./my-agent --mode runtime --out ./ctx\n  agentdrop build examples/team --json\n\nExit codes: 0 built, 1 not deployable or harness plan, 2 usage error.',
    )
    .action(async (drop: string, flags: BuildFlags) => {
      const loaded = await loadDrop(drop, io.cwd);
      const plan = planDeploy(loaded.bundle, planOptionsFrom(flags, loaded.defaultProject));
      if (!plan.deployable || !loaded.bundle.ok) {
        const errors = plan.diagnostics.filter((d) => d.level === 'error');
        const hint = projectFlagHint(plan.project);
        throw new BuildRefused(
          plan.project,
          `${plan.project} is not deployable (${errors.length} error(s))${hint ? `; ${hint}` : ''}.`,
          errors,
        );
      }
      if (plan.mode !== 'runtime') {
        throw new BuildRefused(
          plan.project,
          'harness mode needs no container (use --mode runtime to build one anyway).',
        );
      }
      // A runtime shipped as code builds its code package: the pre-bundled agent beside the roster.
      const context = plan.code
        ? compileCodePackage(plan, loaded.bundle.tree, await localRuntimeAgent())
        : compileRuntime(plan, loaded.bundle.tree);
      const target = plan.code
        ? `code package (${plan.code.runtime} ${plan.code.entryPoint.join(' ')})`
        : `image ${plan.ecrRepository}:${plan.imageTag} (linux/arm64)`;
      const bytes = [...context.files.values()].reduce((n, b) => n + b.byteLength, 0);
      const written: string[] = [];
      let zipWritten: { path: string; bytes: number } | null = null;
      let directory: string | null = null;
      if (flags.zip) {
        const zipPath = resolve(io.cwd, flags.zip);
        await mkdir(dirname(zipPath), { recursive: true });
        const zip = zipBuildContext(context);
        await writeFile(zipPath, zip);
        zipWritten = { path: zipPath, bytes: zip.byteLength };
        written.push(`zip ${relative(io.cwd, zipPath) || zipPath} (${zip.byteLength} bytes)`);
      }
      if (flags.out || !flags.zip) {
        const outDir = resolve(io.cwd, flags.out ?? join('.agentdrop', 'build', plan.project));
        await writeContextDirectory(context, outDir);
        directory = outDir;
        written.push(`directory ${relative(io.cwd, outDir) || '.'}`);
      }
      if (flags.json) {
        io.stdout(
          `${JSON.stringify(
            {
              project: plan.project,
              agents: plan.agents.length,
              entry: plan.root,
              files: context.files.size,
              bytes,
              directory,
              zip: zipWritten,
              artifact: plan.code ? 'code' : 'container',
              image: plan.code ? null : `${plan.ecrRepository}:${plan.imageTag}`,
              platform: plan.code ? plan.code.runtime : 'linux/arm64',
              warnings: plan.diagnostics.filter((d) => d.level === 'warning').length,
            },
            null,
            2,
          )}\n`,
        );
        setExit(ExitCode.Ok);
        return;
      }
      io.stdout(
        [
          `Built runtime ${plan.code ? 'code package' : 'context'} for ${plan.project}: ${plan.agents.length} agent(s), entry ${plan.root}, ${context.files.size} file(s), ${bytes} bytes.`,
          ...written.map((w) => `  wrote ${w}`),
          `  ${target}`,
          ...warningLines(plan.diagnostics),
          '',
        ].join('\n'),
      );
      setExit(ExitCode.Ok);
    });
}

/** Writes the context into `dir`, replacing a previous build there but never another directory's files. */
async function writeContextDirectory(context: BuildContext, dir: string): Promise<void> {
  const existing = await readdir(dir).catch(() => [] as string[]);
  if (existing.length > 0) {
    if (!existing.includes('team.json') || !existing.includes('agent.mjs')) {
      throw new UsageError(`refusing to write into ${dir}: it is not empty and holds no previous build`);
    }
    await rm(dir, { recursive: true, force: true });
  }
  for (const [path, bytes] of context.files) {
    const file = join(dir, path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, bytes);
  }
}

function warningLines(diagnostics: readonly Diagnostic[]): string[] {
  const warnings = diagnostics.filter((d) => d.level === 'warning');
  return warnings.length === 0 ? [] : [`  ${warnings.length} warning(s); run agentdrop plan for details`];
}
