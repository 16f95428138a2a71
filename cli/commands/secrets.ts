import type { Command } from 'commander';
import { type CliIo, ExitCode } from '../io.js';
import { promptHidden } from '../prompt-hidden.js';
import { resolveTarget } from '../target/resolve-target.js';
import { type TargetFlags, withTargetFlags } from '../target/target-flags.js';
import { withTarget } from '../target/with-target.js';
import { UsageError } from '../usage-error.js';

const SecretName = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/** Where `agentdrop secrets set` reads a value from; tests replace these. */
export interface SecretsCommandDeps {
  /** Reads all of stdin (a pipe or a file). */
  readonly readStdin: () => Promise<string>;
  /**
   * Asks on the terminal without echo; `undefined` when stdin is not a terminal.
   * @default {@link promptHidden} when stdin is a TTY
   */
  readonly promptHidden: ((question: string) => Promise<string>) | undefined;
}

/**
 * `agentdrop secrets set NAME` stores `agentdrop/NAME` from a prompt without echo on a terminal, from stdin
 * otherwise, or from `--from-env VAR` (never an argument: shell history), and names the projects its new version
 * redeploys; `agentdrop secrets list` shows names and version ids, never values (DESIGN §5.1).
 */
export function registerSecretsCommand(
  program: Command,
  io: CliIo,
  setExit: (code: number) => void,
  deps: Partial<SecretsCommandDeps> = {},
): void {
  const readStdin = deps.readStdin ?? readAllStdin;
  const prompt = 'promptHidden' in deps ? deps.promptHidden : process.stdin.isTTY ? promptHidden : undefined;
  const secrets = program
    .command('secrets')
    .description('Manage the secrets MCP headers reference as ${NAME}.');
  withTargetFlags(
    secrets
      .command('set')
      .description(
        'Create or rotate the secret agentdrop/NAME (value typed without echo, from stdin, or --from-env).',
      )
      .argument('<name>', 'secret name as written in ${NAME}')
      .option('--from-env <var>', 'read the value from this environment variable')
      .option('--json', 'print {name, versionId} as JSON'),
    'use',
  )
    .addHelpText(
      'after',
      '\nExamples:\n  agentdrop secrets set DOCS_TOKEN                   (asks; the value is not shown)\n  printf %s "$TOKEN" | agentdrop secrets set DOCS_TOKEN\n  agentdrop secrets set DOCS_TOKEN --from-env DOCS_TOKEN --stack agentdrop --profile prod',
    )
    .action(async (name: string, flags: TargetFlags & { fromEnv?: string; json?: boolean }) => {
      if (!SecretName.test(name))
        throw new UsageError(`secret name ${JSON.stringify(name)} must match [A-Za-z_][A-Za-z0-9_]*`);
      // A usage error (--profile without a stack) is reported before anyone types a value.
      resolveTarget(flags, io);
      const value = flags.fromEnv
        ? io.env[flags.fromEnv]
        : prompt
          ? await prompt(`Value of ${name} (not shown): `)
          : (await readStdin()).replace(/\r?\n$/, '');
      if (!value)
        throw new UsageError(
          flags.fromEnv
            ? `environment variable ${flags.fromEnv} is empty or unset`
            : prompt
              ? 'no value entered'
              : 'no value on stdin',
        );
      await withTarget(io, flags, async (target) => {
        const versionId = await target.putSecret(name, value);
        const secretId = `${target.secretPrefix}${name}`;
        // The new version redeploys every project that binds it (docs/state-machine.md §9): say which.
        const redeploying = await target.store.secretUses.projectsUsing(name);
        io.stdout(
          flags.json
            ? `${JSON.stringify({ name: secretId, versionId, redeploying }, null, 2)}\n`
            : `Stored ${secretId} (version ${versionId}).\n`,
        );
        if (!flags.json && redeploying.length > 0) {
          const one = redeploying.length === 1;
          const where = target.runsHere
            ? `${one ? 'redeploys' : 'redeploy'} in this command (the local cloud runs here)`
            : `${one ? 'redeploys on its own' : 'redeploy on their own'}`;
          io.stderr(
            `${redeploying.join(', ')} ${one ? 'binds' : 'bind'} it and ${where}; \`agentdrop status <project>\` shows how ${one ? 'it ends' : 'they end'}.\n`,
          );
        }
        setExit(ExitCode.Ok);
      });
    });
  withTargetFlags(
    secrets
      .command('list')
      .description('List secret names and current version ids (never values).')
      .option('--json', 'print {secrets: [{name, versionId}]} as JSON'),
    'use',
  ).action(async (flags: TargetFlags & { json?: boolean }) => {
    await withTarget(io, flags, async (target) => {
      const rows = await target.listSecrets();
      if (flags.json) io.stdout(`${JSON.stringify({ secrets: rows }, null, 2)}\n`);
      else if (rows.length === 0) io.stdout('No secrets.\n');
      else for (const secret of rows) io.stdout(`${secret.name}  ${secret.versionId ?? '-'}\n`);
      setExit(ExitCode.Ok);
    });
  });
}

async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
