export { CoalescedSave } from './coalesced-save.js';
export { readJsonFile, type WriteJsonFileOptions, writeJsonFile } from './json-file.js';
