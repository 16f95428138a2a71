import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerLocalCommand } from '../../../cli/commands/local.js';
import type { CliIo } from '../../../cli/io.js';
import { UsageError } from '../../../cli/usage-error.js';
import { startLocalCloud } from '../../../local/cloud/index.js';
import { isListening, makeDataDir } from './support.js';

function makeIo(
  cwd: string,
  onStdout: (text: string) => void = () => undefined,
): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (text) => {
      out.push(text);
      onStdout(text);
    },
    stderr: (text) => err.push(text),
    isTty: false,
    env: {},
    cwd,
  };
}

function makeProgram(): Command {
  return new Command('agentdrop')
    .exitOverride()
    .configureOutput({ writeOut: () => undefined, writeErr: () => undefined });
}

describe('registerLocalCommand', () => {
  let data: ReturnType<typeof makeDataDir>;

  beforeEach(() => {
    data = makeDataDir();
  });

  afterEach(() => {
    data.remove();
  });

  describe('when `local start` runs until SIGTERM', () => {
    it('prints one JSON line with every endpoint, applies --fault flags and closes every port on the signal', async () => {
      let printed!: (line: string) => void;
      const line = new Promise<string>((resolve) => {
        printed = resolve;
      });
      const io = makeIo(data.dataDir, printed);
      let exit = -1;
      const program = makeProgram();
      let faultPending: unknown;
      registerLocalCommand(
        program,
        io,
        (code) => {
          exit = code;
        },
        {
          startLocalCloud: async (options) => {
            const cloud = await startLocalCloud(options);
            faultPending = cloud.faults('codebuild').pending();
            return cloud;
          },
        },
      );
      const run = program.parseAsync(
        ['local', 'start', '--data', 'cloud', '--fault', 'codebuild:StartBuild=build_failed:2'],
        {
          from: 'user',
        },
      );
      const info = JSON.parse(await line) as {
        endpoints: Record<string, string>;
        region: string;
        credentials: unknown;
        dataDir: string;
      };
      expect({ region: info.region, credentials: info.credentials, dataDir: info.dataDir }).toEqual({
        region: 'us-west-2',
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
        dataDir: join(data.dataDir, 'cloud'),
      });
      expect(faultPending).toEqual({ StartBuild: { kind: 'build_failed', count: 2 } });
      expect(await isListening(info.endpoints.s3!)).toBe(true);

      process.emit('SIGTERM', 'SIGTERM');
      await run;
      expect(exit).toBe(0);
      expect(io.out).toHaveLength(1);
      for (const endpoint of Object.values(info.endpoints)) expect(await isListening(endpoint)).toBe(false);
    });
  });

  describe('when a fault flag is malformed', () => {
    it('rejects with a usage error before starting anything', async () => {
      const program = makeProgram();
      registerLocalCommand(program, makeIo(data.dataDir), () => undefined);
      await expect(
        program.parseAsync(['local', 'start', '--data', 'x', '--fault', 's3:PutObject=melt'], {
          from: 'user',
        }),
      ).rejects.toBeInstanceOf(UsageError);
      await expect(
        program.parseAsync(['local', 'start', '--data', 'x', '--fault', 'sqs:SendMessage=throttle'], {
          from: 'user',
        }),
      ).rejects.toThrow('--fault names no local service "sqs"');
      expect(existsSync(join(data.dataDir, 'x'))).toBe(false);
    });
  });

  describe('when `local reset` runs', () => {
    it('deletes a local cloud data dir and refuses any other directory', async () => {
      const cloudDir = join(data.dataDir, 'cloud');
      const cloud = await startLocalCloud({ dataDir: cloudDir });
      await cloud.stop();
      const other = join(data.dataDir, 'other');
      mkdirSync(other);
      writeFileSync(join(other, 'keep.txt'), 'keep');

      const io = makeIo(data.dataDir);
      const reset = makeProgram();
      registerLocalCommand(reset, io, () => undefined);
      await reset.parseAsync(['local', 'reset', '--data', 'cloud', '--yes'], { from: 'user' });
      expect(existsSync(cloudDir)).toBe(false);
      expect(io.err.join('')).toContain(`This deletes ${cloudDir} and everything in it: .agentdrop-local, `);

      const refuse = makeProgram();
      registerLocalCommand(refuse, io, () => undefined);
      await expect(
        refuse.parseAsync(['local', 'reset', '--data', 'other', '--yes'], { from: 'user' }),
      ).rejects.toBeInstanceOf(UsageError);
      expect(existsSync(join(other, 'keep.txt'))).toBe(true);
    });
  });

  describe('when `local stop` and `local reset` run with --json', () => {
    it('print one JSON object each', async () => {
      const cloudDir = join(data.dataDir, 'cloud');
      await (await startLocalCloud({ dataDir: cloudDir })).stop();
      const io = makeIo(data.dataDir);
      for (const argv of [
        ['local', 'stop', '--data', 'cloud', '--json'],
        ['local', 'reset', '--data', 'cloud', '--yes', '--json'],
        ['local', 'reset', '--data', 'cloud', '--yes', '--json'],
      ]) {
        const program = makeProgram();
        registerLocalCommand(program, io, () => undefined);
        await program.parseAsync(argv, { from: 'user' });
      }
      expect(io.out.map((line) => JSON.parse(line))).toEqual([
        { stopped: false, dataDir: cloudDir, pids: [] },
        { reset: true, dataDir: cloudDir },
        { reset: false, dataDir: cloudDir },
      ]);
    });
  });

  describe('when `local reset` runs without --yes', () => {
    it('asks first and deletes only on a yes', async () => {
      const cloudDir = join(data.dataDir, 'cloud');
      await (await startLocalCloud({ dataDir: cloudDir })).stop();
      const questions: string[] = [];
      const answers = [false, true];
      const io = makeIo(data.dataDir);
      for (const _answer of answers) {
        const program = makeProgram();
        registerLocalCommand(program, io, () => undefined, {
          confirm: async (question) => {
            questions.push(question);
            return answers[questions.length - 1] ?? false;
          },
        });
        await program.parseAsync(['local', 'reset', '--data', 'cloud'], { from: 'user' });
        expect(existsSync(cloudDir)).toBe(questions.length === 1);
      }
      expect(questions).toEqual([`Delete ${cloudDir}?`, `Delete ${cloudDir}?`]);
      expect(io.out).toEqual(['nothing deleted\n', `reset ${cloudDir}\n`]);
    });

    it('rejects with a usage error when nobody can answer (stdin is not a terminal)', async () => {
      const cloudDir = join(data.dataDir, 'cloud');
      await (await startLocalCloud({ dataDir: cloudDir })).stop();
      const program = makeProgram();
      registerLocalCommand(program, makeIo(data.dataDir), () => undefined, { confirm: undefined });
      await expect(
        program.parseAsync(['local', 'reset', '--data', 'cloud'], { from: 'user' }),
      ).rejects.toThrow('pass --yes to reset without one');
      expect(existsSync(cloudDir)).toBe(true);
    });
  });

  describe('when `local reset` finds the local cloud in use', () => {
    it('rejects with LocalCloudInUse and deletes nothing', async () => {
      const cloudDir = join(data.dataDir, 'cloud');
      const cloud = await startLocalCloud({ dataDir: cloudDir });
      try {
        const program = makeProgram();
        registerLocalCommand(program, makeIo(data.dataDir), () => undefined);
        await expect(
          program.parseAsync(['local', 'reset', '--data', 'cloud', '--yes'], { from: 'user' }),
        ).rejects.toMatchObject({ name: 'LocalCloudInUse', context: { pid: process.pid } });
        expect(existsSync(join(cloudDir, 'dynamodb'))).toBe(true);
      } finally {
        await cloud.stop();
      }
    });
  });
});
