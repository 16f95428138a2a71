/** A container build context: file paths (`/`-separated, relative to the context root) and their bytes. */
export interface BuildContext {
  readonly files: ReadonlyMap<string, Uint8Array>;
}
