import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareCodePoints } from '../../core/diagnostics/index.js';
import { UsageError } from '../usage-error.js';
import { FolderNotEmpty } from './errors.js';

/** The templates `agentdrop init` offers: one agent (a Harness) or a team of two (a Runtime). */
export const Template = { Single: 'single', Team: 'team' } as const;
export type Template = (typeof Template)[keyof typeof Template];

/** Options of {@link scaffoldTemplate}. */
export interface ScaffoldOptions {
  /** Write into a folder that already holds entries. @default false — a non-empty folder is FolderNotEmpty */
  readonly force?: boolean;
}

/**
 * Where a template's files are kept: `templates/<name>/` at the package root, found relative to this module so
 * that a package build that copies `templates/` beside `cli/` finds it too.
 */
export function templateDir(template: Template): string {
  return fileURLToPath(new URL(`../../templates/${template}/`, import.meta.url));
}

/**
 * Copies the template's files (dotfiles included, bytes unchanged) into `dir`, creating it when missing.
 * Returns the written paths relative to `dir`, sorted.
 * @throws FolderNotEmpty when `dir` holds any entry and `force` is not set; nothing is written then.
 * @throws UsageError when `dir` is a file.
 */
export async function scaffoldTemplate(
  template: Template,
  dir: string,
  options: ScaffoldOptions = {},
): Promise<string[]> {
  await checkFolderEmpty(dir, options.force === true, "the template's files");
  const source = templateDir(template);
  const files = (await listFiles(source)).sort(compareCodePoints);
  for (const file of files) {
    const to = join(dir, file);
    await mkdir(dirname(to), { recursive: true });
    await copyFile(join(source, file), to);
  }
  return files;
}

/**
 * Checks that `dir` is missing or empty before a command writes files into it, unless `force`.
 * @throws FolderNotEmpty when `dir` holds any entry and `force` is not set.
 * @throws UsageError when `dir` is a file.
 */
export async function checkFolderEmpty(dir: string, force: boolean, writes: string): Promise<void> {
  const existing = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    if (error.code === 'ENOTDIR') throw new UsageError(`${dir} is a file, not a folder`);
    throw error;
  });
  if (existing.length > 0 && !force) throw new FolderNotEmpty(dir, existing.length, writes);
}

/** Every file below `root`, as `/`-separated paths relative to it. */
async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split('\\').join('/'));
}
