import { relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { type ImportFrom, type ImportResult, importFolder } from '../import/import-folder.js';
import { parseHarnessArn } from '../import/read-live-harness.js';
import { type CliIo, ExitCode } from '../io.js';
import { checkProjectName, requireProject } from '../project-arg.js';
import { type Style, styleFor } from '../render/style.js';
import { checkFolderEmpty } from '../scaffold/index.js';
import { type TargetFlags, withTargetFlags } from '../target/target-flags.js';
import { withTarget } from '../target/with-target.js';

interface ImportFlags extends TargetFlags {
  readonly force?: boolean;
  readonly json?: boolean;
}

/**
 * `agentdrop import <project|harness ARN> [dir]`: writes the agent folder a deployed agent was planned from — a
 * project's recorded plan with its skill files from the artifacts bucket, or a harness's configuration (GetHarness)
 * — with MCP header templates, never secret values, then plans it offline and says whether the spec hash is the
 * deployed one and what the folder could not carry. Reads only; a non-empty folder is refused without `--force`.
 * @throws InvalidProjectName, ProjectNotFound, ProjectNotDeployed, DeployedPlanNotFound, FolderNotEmpty
 */
export function registerImportCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  withTargetFlags(
    program
      .command('import')
      .description(
        'Write an agent folder from a deployed project or harness (header templates, no secret values).',
      )
      .argument('<source>', 'project name, or the ARN of a harness')
      .argument('[dir]', 'folder to write (default: the project name)')
      .option(
        '--force',
        'write into a non-empty folder (overwrites files of the same name, keeps the others)',
      )
      .option('--json', 'print {source, dir, files, notes, roundTrip} as JSON'),
    'read',
  )
    .addHelpText(
      'after',
      '\nExamples:\n  agentdrop import demo\n  agentdrop import demo ./demo-copy --json\n  agentdrop import arn:aws:bedrock-agentcore:us-west-2:123456789012:harness/helpdesk-a1b2c3d4e5 --stack agentdrop\n\nExit codes: 0 written, 1 nothing to import or the folder is not empty, 2 usage error.',
    )
    .action(async (source: string, dir: string | undefined, flags: ImportFlags) => {
      const harness = source.startsWith('arn:') ? parseHarnessArn(source) : null;
      if (harness === null) checkProjectName(source, 'argument');
      const folder = (project: string): string => resolve(io.cwd, dir ?? project);
      const force = flags.force === true;
      // A named folder is checked before anything is read; the default one once the project is known.
      if (dir !== undefined) await checkFolderEmpty(folder(''), force, 'the imported files');
      const result = await withTarget(io, flags, async (target) => {
        const from: ImportFrom =
          harness === null
            ? { kind: 'project', project: source, state: (await requireProject(target, source)).state }
            : { kind: 'harness', ...harness };
        return importFolder(target, from, folder, force);
      });
      io.stdout(flags.json ? `${JSON.stringify(result, null, 2)}\n` : renderImport(result, io, styleFor(io)));
      setExit(ExitCode.Ok);
    });
}

function renderImport(result: ImportResult, io: CliIo, style: Style): string {
  const shown = relative(io.cwd, result.dir) || '.';
  const short = (hash: string | null): string => hash?.slice(0, 12) ?? '-';
  const { source, roundTrip } = result;
  const from = source.kind === 'project' ? `project ${source.project}` : `harness ${source.arn}`;
  const lines = [
    `Imported ${from} (${source.mode ?? '-'}${source.specHash ? `, spec hash ${short(source.specHash)}` : ''}) into ${shown}:`,
    ...result.files.map((file) => `  ${file}`),
  ];
  if (result.notes.length > 0) {
    lines.push('', 'Notes (what the folder does not carry as deployed):');
    for (const note of result.notes)
      lines.push(`  ${style.dim('info')}  ${note.code}  ${note.where}  ${note.message}`);
  }
  // agentdrop.yaml names the project, so the folder plans under it whatever it is called.
  const planned = `agentdrop plan ${shown} gives spec hash ${short(roundTrip.specHash)}`;
  lines.push(
    '',
    roundTrip.same === true
      ? style.green(`Round trip: ${planned}, the deployed one.`)
      : roundTrip.same === false
        ? style.yellow(
            `Round trip: ${planned}; the deployed one is ${short(source.specHash)} (see the notes).`,
          )
        : `Round trip: ${planned}${roundTrip.deployable ? '' : ' (not deployable: see agentdrop plan)'}.`,
  );
  return `${lines.join('\n')}\n`;
}
