import { runCli } from './run-cli.js';

/** A command as its `--help` shows it. */
export interface HelpedCommand {
  readonly path: string;
  readonly options: readonly string[];
  /** Whether it runs something itself (no subcommands). */
  readonly leaf: boolean;
}

/**
 * Every command and its long options as `--help` lists them, walked down from the root: a source independent of
 * the generators' own tree walk.
 */
export async function commandsFromHelp(words: readonly string[] = []): Promise<HelpedCommand[]> {
  const help = (await runCli([...words, '--help'])).stdout;
  const section = (title: string): string[] => {
    const body = help.split(`\n${title}:\n`)[1]?.split('\n\n')[0] ?? '';
    return body.split('\n').filter((line) => /^ {2}\S/.test(line));
  };
  const options = section('Options').flatMap((line) => line.match(/--[a-z-]+/)?.slice(0, 1) ?? []);
  const subcommands = section('Commands')
    .map((line) => line.trim().split(/\s/)[0]!)
    .filter((name) => name !== 'help');
  const nested = await Promise.all(subcommands.map((name) => commandsFromHelp([...words, name])));
  return [
    { path: ['agentdrop', ...words].join(' '), options, leaf: subcommands.length === 0 },
    ...nested.flat(),
  ];
}
