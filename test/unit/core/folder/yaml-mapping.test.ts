import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { parseYamlMapping } from '../../../../core/folder/yaml-mapping.js';

/** What the YAML parser alone makes of `text` (the reference the flat-line fast path must equal). */
function parsedByYaml(text: string): unknown {
  return parseDocument(text, { version: '1.2', schema: 'core', uniqueKeys: true }).toJS() ?? {};
}

describe('parseYamlMapping', () => {
  describe('when every line is a flat key: text pair', () => {
    const documents = [
      '',
      '\n\n',
      'name: skill-1\ndescription: Synthetic skill 1.',
      'name: house-style\ndescription: Rewrites a draft in the house style (tone, length).\n',
      'name: a\n\ndescription:    padded start',
      'model: claude-haiku-4-5\nentry: editor',
      'description: two  spaces inside/and a slash',
      'x: y',
      'tools: [read, grep, web_fetch]\nsubagents: []\nskills: [ house-style ,cite-sources ]',
      'description: coordinator-0 of the synthetic benchmark team.\nmodel: claude-sonnet-4-5\nsubagents: [specialist-10, coordinator-1]',
    ];

    it('returns the mapping the YAML parser returns', () => {
      for (const text of documents)
        expect(parseYamlMapping(text), text).toEqual({ ok: true, value: parsedByYaml(text) });
    });
  });

  describe('when a line needs the YAML parser', () => {
    const documents = [
      'enabled: true',
      'value: null',
      'count: 3',
      'ratio: 1.5',
      'tools: [read, true]',
      'tools: [read, [grep]]',
      'tools: [read,]',
      'tools: [1, read]',
      "name: 'quoted'",
      'name: a # comment',
      'name: a:b',
      '  indented: value',
      'name: trailing ',
      'memory:\n  enabled: false',
      'True: key',
    ];

    it('returns what the YAML parser returns', () => {
      for (const text of documents)
        expect(parseYamlMapping(text), text).toEqual({ ok: true, value: parsedByYaml(text) });
    });

    it('rejects a duplicate key', () => {
      expect(parseYamlMapping('name: a\nname: b')).toMatchObject({ ok: false });
    });
  });
});
