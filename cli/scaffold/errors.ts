import { AgentdropError } from '../../core/errors.js';

/** `init` refused to write into a folder that already holds files (without `--force`). */
export class FolderNotEmpty extends AgentdropError {
  constructor(dir: string, entries: number) {
    super(
      'FolderNotEmpty',
      `${dir} is not empty (${entries} entr${entries === 1 ? 'y' : 'ies'}); choose a new folder, or add --force to write the template's files into it (they overwrite files of the same name, others stay).`,
      { dir, entries },
    );
  }
}
