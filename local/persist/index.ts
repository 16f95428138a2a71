export { readJsonFile, type WriteJsonFileOptions, writeJsonFile } from './json-file.js';
