/** A container build context: file paths (`/`-separated, relative to the context root) and their bytes. */
export interface BuildContext {
  readonly files: ReadonlyMap<string, Uint8Array>;
}

/** Options of `compileRuntime`. */
export interface CompileOptions {
  /**
   * agentdrop's own parsed `package-lock.json` (lockfile v3). When given, the context gets a
   * `package-lock.json` pruned to the runtime's dependencies and the image installs with `npm ci`.
   * @default undefined — the context pins exact top-level versions and installs with `npm install`
   */
  readonly packageLock?: unknown;
}
