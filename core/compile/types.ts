/** A container build context: file paths (`/`-separated, relative to the context root) and their bytes. */
export interface BuildContext {
  readonly files: ReadonlyMap<string, Uint8Array>;
}

/** Options of `compileRuntime`. */
export interface CompileOptions {
  /**
   * @deprecated Ignored. The runtime's lockfile is part of the compiler's template
   * (core/runtime-template/files/package-lock.json), so its bytes feed specHash; a lockfile passed at
   * compile time could change the image without changing the hash. Kept only until functions/plan stops
   * passing it.
   */
  readonly packageLock?: unknown;
}
