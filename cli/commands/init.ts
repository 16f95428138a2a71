import { basename, relative, resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { suggestProjectName, validateProjectName } from '../../core/plan/index.js';
import { type CliIo, ExitCode } from '../io.js';
import { scaffoldTemplate, Template } from '../scaffold/index.js';

interface InitFlags {
  readonly template: Template;
  readonly force?: boolean;
  readonly json?: boolean;
}

/**
 * `agentdrop init [dir] [--template single|team]`: writes a new agent folder from a template kept in the
 * repository (`templates/<name>/`): it plans with no error or warning and deploys on the local cloud once its
 * MCP secret is set. A non-empty folder is refused unless `--force` (which overwrites the template's files only).
 * @throws FolderNotEmpty
 */
export function registerInitCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('init')
    .description('Create an agent folder from a template (agent, skill, MCP server, smoke test).')
    .argument('[dir]', 'folder to create or fill (default: the current folder)', '.')
    .addOption(
      new Option('--template <name>', 'what to create: one agent (a Harness) or a team (a Runtime)')
        .choices(Object.values(Template))
        .default(Template.Single),
    )
    .option('--force', "write into a non-empty folder (overwrites the template's files, keeps the others)")
    .option('--json', 'print {dir, template, project, files} as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  agentdrop init demo\n  agentdrop init review-team --template team\n  agentdrop init . --force\n\nExit codes: 0 written, 1 the folder is not empty, 2 usage error.',
    )
    .action(async (dir: string, flags: InitFlags) => {
      const target = resolve(io.cwd, dir);
      const { template } = flags;
      const files = await scaffoldTemplate(template, target, { force: flags.force === true });
      const project = projectOf(target);
      const shown = relative(io.cwd, target) || '.';
      if (flags.json) {
        io.stdout(`${JSON.stringify({ dir: target, template, project, files }, null, 2)}\n`);
      } else {
        io.stdout(renderNextSteps(shown, template, project, files));
      }
      setExit(ExitCode.Ok);
    });
}

/** The project name a push of the folder takes, or a valid one to pass as `--project`. */
function projectOf(dir: string): { name: string | null; flag: boolean } {
  const name = basename(dir);
  if (validateProjectName(name) === null) return { name, flag: false };
  return { name: suggestProjectName(name), flag: true };
}

function renderNextSteps(
  dir: string,
  template: Template,
  project: { name: string | null; flag: boolean },
  files: readonly string[],
): string {
  const arg = /[\s'"$]/.test(dir) ? `'${dir.replaceAll("'", `'\\''`)}'` : dir;
  const push = project.flag
    ? `agentdrop push ${arg} --project ${project.name ?? 'NAME'}`
    : `agentdrop push ${arg}`;
  const name = project.name ?? 'NAME';
  return [
    `Created ${dir} from the ${template} template:`,
    ...files.map((file) => `  ${file}`),
    '',
    'Next:',
    `  agentdrop plan ${arg}`,
    `  ${push}`,
    `  agentdrop invoke ${name} "hi"`,
    '',
    'On a stack, first: agentdrop secrets set DOCS_TOKEN (the MCP server reads it; the local cloud makes a placeholder).',
    '',
  ].join('\n');
}
