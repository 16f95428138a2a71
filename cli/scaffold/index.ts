export { FolderNotEmpty } from './errors.js';
export {
  checkFolderEmpty,
  type ScaffoldOptions,
  scaffoldTemplate,
  Template,
  templateDir,
} from './scaffold-template.js';
