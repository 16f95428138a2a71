import type { Command } from 'commander';
import type { CliIo } from './io.js';

/** Adds one command to the program; the signature every `cli/commands/*.ts` exports. */
export type RegisterCommand = (program: Command, io: CliIo, setExit: (code: number) => void) => void;

/** One command as the top-level help lists it, and how to load it. */
export interface CommandEntry {
  /** The command's line in `agentdrop --help`: name, `[options]` and its arguments. */
  readonly term: string;
  /** Its description, as its module sets it. */
  readonly summary: string;
  readonly load: () => Promise<RegisterCommand>;
}

/**
 * Every command in help order. A command's module (and all it imports: the AWS SDK, the local cloud) is
 * loaded only when that command runs; `agentdrop --help` needs none of them. `test/unit/cli/main.test.ts`
 * checks that these lines equal what the modules register.
 */
export const CommandIndex: Readonly<Record<string, CommandEntry>> = {
  init: {
    term: 'init [options] [dir]',
    summary: 'Create an agent folder from a template (agent, skill, MCP server, smoke test).',
    load: async () => (await import('./commands/init.js')).registerInitCommand,
  },
  plan: {
    term: 'plan [options] <drop>',
    summary: 'Check a drop offline and show the deploy plan (no AWS call).',
    load: async () => (await import('./commands/plan.js')).registerPlanCommand,
  },
  diff: {
    term: 'diff [options] <drop>',
    summary: 'Show what a push would change, against the deployed plan (no AgentCore call, no write).',
    load: async () => (await import('./commands/diff.js')).registerDiffCommand,
  },
  drift: {
    term: 'drift [options] [project]',
    summary: 'Compare deployed agents with what their last deploy set (read-only; exit 1 on drift).',
    load: async () => (await import('./commands/drift.js')).registerDriftCommand,
  },
  import: {
    term: 'import [options] <source> [dir]',
    summary: 'Write an agent folder from a deployed project or harness (header templates, no secret values).',
    load: async () => (await import('./commands/import.js')).registerImportCommand,
  },
  build: {
    term: 'build [options] <drop>',
    summary: 'Compile a runtime drop into its container build context offline (no AWS call).',
    load: async () => (await import('./commands/build.js')).registerBuildCommand,
  },
  push: {
    term: 'push [options] <drop>',
    summary: 'Upload an agent folder or zip as a drop and follow the deploy it starts.',
    load: async () => (await import('./commands/push.js')).registerPushCommand,
  },
  status: {
    term: 'status [options] [project]',
    summary: "Show every project's deployed state, or one project's state and its last 10 deploys.",
    load: async () => (await import('./commands/status.js')).registerStatusCommand,
  },
  invoke: {
    term: 'invoke [options] <project> [prompt]',
    summary: 'Send a prompt to a deployed agent and stream its answer (a chat without a prompt).',
    load: async () => (await import('./commands/invoke.js')).registerInvokeCommand,
  },
  receipt: {
    term: 'receipt [options] <project> [deployId]',
    summary: 'Show the full receipt of a deploy: trigger, decision, durations, diagnostics, cells, links.',
    load: async () => (await import('./commands/receipt.js')).registerReceiptCommand,
  },
  logs: {
    term: 'logs [options] <project> [deployId]',
    summary: "Show a deploy's run, build and function log lines, and the agent's own log lines.",
    load: async () => (await import('./commands/logs.js')).registerLogsCommand,
  },
  traces: {
    term: 'traces [options] <project> [traceId]',
    summary: "List an agent's recent invocations from its traces, or show one as a tree.",
    load: async () => (await import('./commands/traces.js')).registerTracesCommand,
  },
  redeploy: {
    term: 'redeploy [options] <project>',
    summary: 'Request a redeploy of the latest drop (Redeploy Requested) and follow the run.',
    load: async () => (await import('./commands/redeploy.js')).registerRedeployCommand,
  },
  rollback: {
    term: 'rollback [options] <project>',
    summary:
      'Move the live endpoint back to a version that passed its smoke test (Redeploy Requested with rollbackTo) and follow the run.',
    load: async () => (await import('./commands/rollback.js')).registerRollbackCommand,
  },
  destroy: {
    term: 'destroy [options] <project>',
    summary: "Delete a project's drop, which deletes its harness or runtime, and follow the teardown.",
    load: async () => (await import('./commands/destroy.js')).registerDestroyCommand,
  },
  secrets: {
    term: 'secrets',
    summary: 'Manage the secrets MCP headers reference as ${NAME}.',
    load: async () => (await import('./commands/secrets.js')).registerSecretsCommand,
  },
  local: {
    term: 'local',
    summary: 'Run the embedded local cloud (no AWS account needed).',
    load: async () => (await import('./commands/local.js')).registerLocalCommand,
  },
  completion: {
    term: 'completion [options] <shell>',
    summary: 'Print a shell completion script for agentdrop (bash, zsh or fish).',
    load: async () => (await import('./commands/completion.js')).registerCompletionCommand,
  },
};
