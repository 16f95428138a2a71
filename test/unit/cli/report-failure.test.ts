import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../cli/io.js';
import { reportFailure } from '../../../cli/report-failure.js';
import { UsageError } from '../../../cli/usage-error.js';
import { AgentdropError } from '../../../core/errors.js';

function makeIo(): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (text: string) => {
      io.out += text;
    },
    stderr: (text: string) => {
      io.err += text;
    },
    isTty: false,
    env: {},
    cwd: '/',
  };
  return io;
}

const options = (json: boolean, verbose = false) => ({ json, verbose, command: () => 'agentdrop status' });

describe('reportFailure', () => {
  describe('without --json', () => {
    it('returns 1 and prints code: message for our errors, nothing on stdout', () => {
      const io = makeIo();
      const code = reportFailure(
        new AgentdropError('LockBusy', 'Busy.', { project: 'team' }),
        io,
        options(false),
      );
      expect([code, io.out, io.err]).toEqual([1, '', 'LockBusy: Busy.\n']);
    });

    it('returns 2 for a usage error pointing at the command help', () => {
      const io = makeIo();
      expect(reportFailure(new UsageError('choose one'), io, options(false))).toBe(2);
      expect(io.err).toBe('usage: choose one (see agentdrop status --help)\n');
    });

    it('prints a stack trace of an unexpected error only with --verbose', () => {
      const quiet = makeIo();
      const verbose = makeIo();
      reportFailure(new TypeError('boom'), quiet, options(false));
      reportFailure(new TypeError('boom'), verbose, options(false, true));
      expect(quiet.err).toBe('Unexpected: boom\n');
      expect(verbose.err).toMatch(/^Unexpected: boom\nTypeError: boom\n\s+at /);
    });
  });

  describe('with --json', () => {
    it('returns the same exit code and prints one error object on stdout', () => {
      const io = makeIo();
      const code = reportFailure(new TypeError('boom'), io, options(true));
      expect([code, JSON.parse(io.out), io.err]).toEqual([
        1,
        { error: { name: 'TypeError', code: 'Unexpected', message: 'boom', context: {} } },
        'Unexpected: boom\n',
      ]);
    });

    it('prints the dotted code of an error a diagnostic caused', () => {
      const io = makeIo();
      reportFailure(
        new AgentdropError('InvalidProjectName', 'Bad.', { project: 'X' }, 'project.invalid_name'),
        io,
        options(true),
      );
      expect(JSON.parse(io.out)).toEqual({
        error: {
          name: 'InvalidProjectName',
          code: 'project.invalid_name',
          message: 'Bad.',
          context: { project: 'X' },
        },
      });
    });
  });
});
