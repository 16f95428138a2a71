export { readJsonFile, writeJsonFile } from './json-file.js';
