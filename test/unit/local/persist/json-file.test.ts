import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeJsonFile } from '../../../../local/persist/index.js';

describe('writeJsonFile', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'agentdrop-json-file-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  describe('when the file is owner-only', () => {
    it('writes it 0600 in a 0700 directory, narrowing a directory made earlier', () => {
      const dir = join(root, 'secretsmanager');
      mkdirSync(dir);
      chmodSync(dir, 0o755);
      const path = join(dir, 'secrets.json');
      writeJsonFile(path, [{ name: 'a' }], { ownerOnly: true });
      expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual([{ name: 'a' }]);
      expect([statSync(dir).mode & 0o777, statSync(path).mode & 0o777]).toEqual([0o700, 0o600]);
    });
  });
});
