import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InvokeCommandDeps, registerInvokeCommand } from '../../../cli/commands/invoke.js';
import { runCli } from '../../support/run-cli.js';

describe('agentdrop invoke on the local cloud', () => {
  let scratch = '';
  let dataDir = '';
  const env = (): Record<string, string> => ({ NO_COLOR: '1', AGENTDROP_LOCAL_DIR: dataDir });
  const cli = (argv: string[], extra: Record<string, string> = {}) =>
    runCli(argv, scratch, { ...env(), ...extra });
  /** Runs invoke alone, with stdin replaced. */
  const invokeWith = async (argv: string[], deps: Partial<InvokeCommandDeps>) => {
    const out = { code: -1, stdout: '', stderr: '' };
    const program = new Command('agentdrop').exitOverride();
    const io = {
      stdout: (text: string) => {
        out.stdout += text;
      },
      stderr: (text: string) => {
        out.stderr += text;
      },
      isTty: false,
      env: env(),
      cwd: scratch,
    };
    registerInvokeCommand(
      program,
      io,
      (code) => {
        out.code = code;
      },
      deps,
    );
    await program.parseAsync(['invoke', ...argv], { from: 'user' });
    return out;
  };
  const sessionOf = async (argv: string[]): Promise<{ sessionId: string; newSession: boolean }> =>
    JSON.parse((await cli(['invoke', ...argv, '--json'])).stdout);

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'agentdrop-invoke-'));
    dataDir = join(scratch, '.local-cloud');
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('answers "hi" right after init and push with nothing set, streaming the reply to stdout', async () => {
    expect((await cli(['init', 'demo'])).code).toBe(0);
    expect((await cli(['push', 'demo'])).code).toBe(0);
    const run = await cli(['invoke', 'demo', 'hi']);
    expect([run.code, run.stdout]).toEqual([0, 'Hello! You said: hi\n']);
    expect(run.stderr).toMatch(
      /^New session agentdrop-demo-[0-9a-f-]{36} with demo \(harness, endpoint live\)\.$/m,
    );
  });

  it('keeps the session across calls until --new-session, and remembers it under the data directory', async () => {
    const first = await sessionOf(['demo', 'again']);
    const second = await sessionOf(['demo', 'and again']);
    expect([first.newSession, second]).toEqual([
      false,
      { ...second, sessionId: first.sessionId, newSession: false },
    ]);
    const renewed = await sessionOf(['demo', 'fresh', '--new-session']);
    expect([renewed.newSession, renewed.sessionId === first.sessionId]).toEqual([true, false]);
    const file = JSON.parse(await readFile(join(dataDir, 'sessions', 'demo.json'), 'utf8'));
    expect(file).toEqual({
      sessionId: renewed.sessionId,
      resourceArn: expect.stringContaining(':harness/'),
      updatedAt: expect.any(String),
    });
    const chosen = 'my-own-session-id-0000000000000000000000';
    expect((await sessionOf(['demo', 'hi', '--session', chosen])).sessionId).toBe(chosen);
  });

  it('prints the answer with the trace as JSON, the skill call included', async () => {
    const run = await cli(['invoke', 'demo', 'Use the greeting skill please', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      project: 'demo',
      mode: 'harness',
      qualifier: 'live',
      sessionId: expect.stringMatching(/^[a-zA-Z0-9][a-zA-Z0-9_-]{32,99}$/),
      newSession: false,
      reply: expect.stringContaining('You said: Use the greeting skill please'),
      error: null,
      trace: [
        {
          kind: 'skills',
          target: 'skills',
          tool: 'skills',
          agent: 'assistant',
          depth: 0,
          ok: true,
          detail: expect.stringContaining('Greet the person warmly'),
        },
      ],
    });
  });

  it('reads the prompt from stdin when it is not a terminal', async () => {
    const run = await invokeWith(['demo'], {
      stdinIsTerminal: false,
      readStdin: async () => 'from a pipe\n',
    });
    expect([run.code, run.stdout]).toEqual([0, 'Hello! You said: from a pipe\n']);
  });

  it('chats on a terminal when no prompt is given, one answer per line', async () => {
    const questions: string[] = [];
    const run = await invokeWith(['demo'], {
      stdinIsTerminal: true,
      chatLines: async function* (question) {
        questions.push(question);
        yield 'first';
        yield '';
        yield 'second';
      },
    });
    expect([run.code, run.stdout, questions]).toEqual([
      0,
      'Hello! You said: first\nHello! You said: second\n',
      ['you> '],
    ]);
  });

  it('streams a team runtime answer with the nested trace of its subagent', async () => {
    expect((await cli(['init', 'crew', '--template', 'team'])).code).toBe(0);
    expect((await cli(['push', 'crew'])).code).toBe(0);
    const json = JSON.parse(
      (await cli(['invoke', 'crew', 'Ask the researcher to say hello using the greeting skill', '--json']))
        .stdout,
    );
    expect([json.mode, json.error]).toEqual(['runtime', null]);
    expect(
      json.trace.map((c: { kind: string; agent: string; depth: number }) => [c.kind, c.agent, c.depth]),
    ).toEqual(
      expect.arrayContaining([
        ['subagent', 'lead', 0],
        ['skills', 'researcher', 1],
      ]),
    );
    // The runtime's stored plan is what diff compares with: the same folder is a skip.
    expect((await cli(['diff', 'crew'])).code).toBe(0);
    const run = await cli(['invoke', 'crew', 'hi']);
    expect([run.code, run.stdout]).toEqual([0, 'Hello! You said: hi\n']);
    expect(run.stderr).toContain('(runtime, endpoint live)');
  });

  it('exits 1 with the service error when AgentCore refuses the call', async () => {
    const run = await cli(['invoke', 'demo', 'hi', '--json'], {
      AGENTDROP_LOCAL_FAULTS: 'agentcore:InvokeHarness=access_denied:1',
    });
    expect([run.code, JSON.parse(run.stdout).error.name]).toEqual([1, 'AccessDenied']);
  });

  it('refuses an unknown project, naming the known ones', async () => {
    const run = await cli(['invoke', 'nosuch', 'hi', '--json']);
    expect([run.code, JSON.parse(run.stdout).error.name]).toEqual([1, 'ProjectNotFound']);
  });

  it('refuses a session id AgentCore would reject, and --json in a chat, as usage errors', async () => {
    const short = await cli(['invoke', 'demo', 'hi', '--session', 'too-short']);
    expect([short.code, short.stderr]).toEqual([
      2,
      expect.stringMatching(/^usage: --session must be 33 to 100/),
    ]);
    await expect(invokeWith(['demo', '--json'], { stdinIsTerminal: true })).rejects.toThrow(
      '--json needs a prompt (an argument or stdin), not a chat',
    );
  });
});
