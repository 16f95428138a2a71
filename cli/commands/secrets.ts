import type { Command } from 'commander';
import { type CliIo, ExitCode } from '../io.js';
import { withTarget } from '../target/with-target.js';
import { UsageError } from '../usage-error.js';

const SecretName = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/**
 * `agentdrop secrets set NAME` stores `agentdrop/NAME` from stdin or `--from-env VAR` (never an argument:
 * shell history); `agentdrop secrets list` shows names and version ids, never values (DESIGN §5.1).
 */
export function registerSecretsCommand(
  program: Command,
  io: CliIo,
  setExit: (code: number) => void,
  readStdin: () => Promise<string> = readAllStdin,
): void {
  const secrets = program
    .command('secrets')
    .description('Manage the secrets MCP headers reference as ${NAME}.');
  secrets
    .command('set')
    .description('Create or rotate the secret agentdrop/NAME (value from stdin or --from-env).')
    .argument('<name>', 'secret name as written in ${NAME}')
    .option('--from-env <var>', 'read the value from this environment variable')
    .option('--local', 'use the embedded local cloud (the default without a stack)')
    .option('--stack <name>', 'use this AgentDrop stack on AWS (or set AGENTDROP_STACK)')
    .addHelpText(
      'after',
      '\nExamples:\n  printf %s "$TOKEN" | agentdrop secrets set DOCS_TOKEN\n  agentdrop secrets set DOCS_TOKEN --from-env DOCS_TOKEN',
    )
    .action(async (name: string, flags: { fromEnv?: string; local?: boolean; stack?: string }) => {
      if (!SecretName.test(name))
        throw new UsageError(`secret name ${JSON.stringify(name)} must match [A-Za-z_][A-Za-z0-9_]*`);
      const value = flags.fromEnv ? io.env[flags.fromEnv] : (await readStdin()).replace(/\r?\n$/, '');
      if (!value)
        throw new UsageError(
          flags.fromEnv ? `environment variable ${flags.fromEnv} is empty or unset` : 'no value on stdin',
        );
      await withTarget(io, flags, async (target) => {
        const versionId = await target.putSecret(name, value);
        io.stdout(`Stored ${target.secretPrefix}${name} (version ${versionId}).\n`);
        setExit(ExitCode.Ok);
      });
    });
  secrets
    .command('list')
    .description('List secret names and current version ids (never values).')
    .option('--local', 'use the embedded local cloud (the default without a stack)')
    .option('--stack <name>', 'use this AgentDrop stack on AWS (or set AGENTDROP_STACK)')
    .action(async (flags: { local?: boolean; stack?: string }) => {
      await withTarget(io, flags, async (target) => {
        const rows = await target.listSecrets();
        if (rows.length === 0) io.stdout('No secrets.\n');
        for (const secret of rows) io.stdout(`${secret.name}  ${secret.versionId ?? '-'}\n`);
        setExit(ExitCode.Ok);
      });
    });
}

async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
