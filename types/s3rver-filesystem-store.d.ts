declare module 's3rver/lib/stores/filesystem.js' {
  /** s3rver's filesystem store (untyped upstream); the tests construct it directly. */
  export default class FilesystemStore {
    constructor(rootDirectory: string);
  }
}
