export { FolderNotEmpty } from './errors.js';
export { type ScaffoldOptions, scaffoldTemplate, Template, templateDir } from './scaffold-template.js';
