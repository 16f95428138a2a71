import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type EmulatorState, emptyState } from './emulator-state.js';

/** The emulator's state on disk: `<dataDir>/agentcore/state.json`, rewritten atomically on every change. */
export class StateFile {
  private readonly path: string;

  constructor(dataDir: string) {
    const dir = join(dataDir, 'agentcore');
    mkdirSync(dir, { recursive: true });
    this.path = join(dir, 'state.json');
  }

  /** Reads the saved state, or an empty one when none was saved. */
  load(): EmulatorState {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch {
      return emptyState();
    }
    const state = { ...emptyState(), ...(JSON.parse(text) as Partial<EmulatorState>) };
    for (const harness of state.harnesses) harness.endpoints ??= [];
    return state;
  }

  /** Writes the state (temporary file + rename, so a crash never leaves half a file). */
  save(state: EmulatorState): void {
    const tmp = `${this.path}.tmp`;
    writeFileSync(tmp, JSON.stringify(state, null, 2));
    renameSync(tmp, this.path);
  }
}
