import { AgentdropError } from '../../core/errors.js';

/** `init` or `import` refused to write into a folder that already holds files (without `--force`). */
export class FolderNotEmpty extends AgentdropError {
  /** `writes` names what `--force` would write there (`the template's files`). */
  constructor(dir: string, entries: number, writes: string) {
    super(
      'FolderNotEmpty',
      `${dir} is not empty (${entries} entr${entries === 1 ? 'y' : 'ies'}); choose a new folder, or add --force to write ${writes} into it (they overwrite files of the same name, others stay).`,
      { dir, entries },
    );
  }
}
