/** One entry of a drop after its name passed the path checks: a file or a directory. */
export interface TreeEntry {
  /** NFC path, `/`-separated, without a trailing `/`. */
  readonly path: string;
  readonly isDirectory: boolean;
}
