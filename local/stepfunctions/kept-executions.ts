import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeJsonFile } from '../persist/index.js';
import type { ExecutionRecord, ExecutionRecorder } from './execution-record.js';

/** How many closed executions a data directory keeps (AWS keeps a closed standard execution 90 days). */
export const KeptExecutions = 100;

/**
 * Closed executions kept in `directory`, one JSON file each (`<startDate>-<name>.json`), so that
 * DescribeExecution and GetExecutionHistory answer for a run after the local cloud restarted, as they do on
 * AWS. Only the newest {@link KeptExecutions} are kept.
 */
export interface ExecutionArchive {
  /** The kept executions, oldest first. */
  load(): ExecutionRecord[];
  /** Wraps a recorder so that the execution is kept once it closes. */
  keep(recorder: ExecutionRecorder): ExecutionRecorder;
}

export function executionArchive(directory: string): ExecutionArchive {
  const files = (): string[] => {
    try {
      return readdirSync(directory)
        .filter((name) => name.endsWith('.json'))
        .sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  };
  const save = (record: ExecutionRecord): void => {
    writeJsonFile(
      join(directory, `${String(record.startDate).padStart(15, '0')}-${record.name}.json`),
      record,
    );
    const all = files();
    for (const old of all.slice(0, Math.max(0, all.length - KeptExecutions))) {
      rmSync(join(directory, old), { force: true });
    }
  };
  return {
    load: () =>
      files().map((name) => JSON.parse(readFileSync(join(directory, name), 'utf8')) as ExecutionRecord),
    keep: (recorder) => ({
      record: recorder.record,
      onEvent: (event) => recorder.onEvent(event),
      finish: (result) => {
        recorder.finish(result);
        save(recorder.record);
      },
      crash: (error) => {
        recorder.crash(error);
        save(recorder.record);
      },
    }),
  };
}
