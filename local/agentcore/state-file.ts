import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type EmulatorState, emptyState } from './emulator-state.js';
import { ValueSealer } from './sealed-values.js';

/**
 * The emulator's state on disk: `<dataDir>/agentcore/state.json`, rewritten atomically on a change (CreateEvent's
 * coalesced, at most once a second: start-agent-core-emulator.ts). The
 * values of every `headers` object (a harness's MCP headers, which carry resolved secrets) are sealed on disk.
 */
export class StateFile {
  private readonly path: string;
  private readonly sealer: ValueSealer;

  constructor(dataDir: string) {
    const dir = join(dataDir, 'agentcore');
    mkdirSync(dir, { recursive: true });
    this.path = join(dir, 'state.json');
    this.sealer = new ValueSealer(dataDir);
  }

  /** Reads the saved state, or an empty one when none was saved. */
  load(): EmulatorState {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch {
      return emptyState();
    }
    const saved = JSON.parse(text, (key, value: unknown) =>
      key === 'headers' && isRecord(value) ? mapStrings(value, (each) => this.sealer.open(each)) : value,
    ) as Partial<EmulatorState>;
    const state = { ...emptyState(), ...saved };
    for (const harness of state.harnesses) harness.endpoints ??= [];
    return state;
  }

  /** Writes the state (temporary file + rename, so a crash never leaves half a file). */
  save(state: EmulatorState): void {
    const tmp = `${this.path}.tmp`;
    const sealed = JSON.stringify(
      state,
      (key, value: unknown) =>
        key === 'headers' && isRecord(value) ? mapStrings(value, (each) => this.sealer.seal(each)) : value,
      2,
    );
    writeFileSync(tmp, sealed);
    renameSync(tmp, this.path);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `record` with each string value passed through `map`. */
function mapStrings(
  record: Record<string, unknown>,
  map: (value: string) => string,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(record).map(([name, value]) => [name, typeof value === 'string' ? map(value) : value]),
  );
}
