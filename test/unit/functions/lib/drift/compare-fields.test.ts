import { describe, expect, it } from 'vitest';
import { comparableTool, compareFields } from '../../../../../functions/lib/drift/index.js';

describe('compareFields', () => {
  it('returns the expected fields whose actual value differs, in expected order, ignoring key order', () => {
    expect(
      compareFields(
        { model: 'a', tools: [{ type: 'remote_mcp', name: 'docs' }], image: 'repo@sha256:1', 'tags.x': 'p' },
        { image: 'repo@sha256:2', tools: [{ name: 'docs', type: 'remote_mcp' }], model: 'a', extra: 1 },
      ),
    ).toEqual([
      { field: 'image', expected: 'repo@sha256:1', actual: 'repo@sha256:2' },
      { field: 'tags.x', expected: 'p', actual: null },
    ]);
  });

  it('returns nothing when every expected field matches', () => {
    expect(compareFields({ 'endpoint.live.version': '3' }, { 'endpoint.live.version': '3' })).toEqual([]);
  });
});

describe('comparableTool', () => {
  it('keeps an MCP tool’s header names, sorted, and never a header value', () => {
    const tool = comparableTool({
      type: 'remote_mcp',
      name: 'docs',
      config: {
        remoteMcp: {
          url: 'https://mcp.example.com',
          headers: { 'X-Key': 'secret-1', Authorization: 'Bearer s2' },
        },
      },
    });
    expect(tool).toEqual({
      type: 'remote_mcp',
      name: 'docs',
      url: 'https://mcp.example.com',
      headerNames: ['Authorization', 'X-Key'],
    });
    expect(JSON.stringify(tool)).not.toMatch(/secret-1|s2/);
  });

  it('keeps a built-in tool’s type and name', () => {
    expect(
      comparableTool({ type: 'agentcore_browser', name: 'browser', config: { agentCoreBrowser: {} } }),
    ).toEqual({ type: 'agentcore_browser', name: 'browser' });
  });
});
