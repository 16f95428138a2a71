import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../../core/diagnostics/index.js';
import { planDeploy } from '../../../../core/plan/index.js';
import { makeTree } from '../../../support/file-tree.js';

/** The MCP findings of a single agent whose mcp.json holds server `docs` with `config`. */
function mcpFindings(config: Record<string, unknown>): { deployable: boolean; found: Diagnostic[] } {
  const plan = planDeploy(
    makeTree({
      'agent.md': '---\nname: solo\n---\nHelp people.\n',
      'mcp.json': JSON.stringify({ mcpServers: { docs: config } }),
    }),
    { project: 'demo' },
  );
  return { deployable: plan.deployable, found: plan.diagnostics.filter((d) => d.where === 'mcp:solo/docs') };
}

describe('parseMcpFile (through planDeploy)', () => {
  describe('when a url host is link-local or cloud metadata', () => {
    it.each([
      ['http://169.254.169.254/latest/meta-data/', '169.254.169.254'],
      ['https://169.254.10.20/mcp', '169.254.10.20'],
      ['http://2852039166/', '169.254.169.254'],
      ['https://[fe80::1]/mcp', '[fe80::1]'],
      ['https://[febf:ffff::1]/mcp', '[febf:ffff::1]'],
      ['http://[fd00:ec2::254]/', '[fd00:ec2::254]'],
      ['http://[::ffff:169.254.169.254]/', '[::ffff:a9fe:a9fe]'],
    ])('rejects %s with mcp.invalid_url', (url, host) => {
      expect(mcpFindings({ url })).toEqual({
        deployable: false,
        found: [
          {
            level: 'error',
            code: 'mcp.invalid_url',
            where: 'mcp:solo/docs',
            message: `Server 'docs' url host ${host} is a link-local or cloud metadata address; an MCP server needs a routable host.`,
          },
        ],
      });
    });
  });

  describe('when a url host is loopback', () => {
    it.each([
      ['https://localhost/mcp', 'localhost'],
      ['https://mcp.localhost:8443/mcp', 'mcp.localhost'],
      ['https://127.0.0.1:3000/mcp', '127.0.0.1'],
      ['https://127.8.9.10/mcp', '127.8.9.10'],
      ['https://[::1]/mcp', '[::1]'],
      ['https://[::ffff:127.0.0.1]/mcp', '[::ffff:7f00:1]'],
    ])('warns mcp.local_url for %s and keeps the server', (url, host) => {
      expect(mcpFindings({ url })).toEqual({
        deployable: true,
        found: [
          {
            level: 'warning',
            code: 'mcp.local_url',
            where: 'mcp:solo/docs',
            message: `Server 'docs' url host ${host} is loopback: reachable only on the local cloud, not from AgentCore.`,
          },
        ],
      });
    });

    it('warns about http:// too', () => {
      expect(mcpFindings({ url: 'http://localhost:3000/mcp' }).found.map((d) => d.code)).toEqual([
        'mcp.insecure_url',
        'mcp.local_url',
      ]);
    });
  });

  describe('when a url host is routable', () => {
    it.each([
      'https://docs.example.com/mcp',
      'https://169.255.0.1/mcp',
      'https://128.0.0.1/mcp',
      'https://[fec0::1]/mcp',
      'https://[fd00:ec2::253]/mcp',
      'https://localhost.example.com/mcp',
    ])('accepts %s without a finding', (url) => {
      expect(mcpFindings({ url })).toEqual({ deployable: true, found: [] });
    });
  });

  describe('when a header value holds CR, LF or NUL', () => {
    it.each([
      ['a CR LF (header injection)', 'abc\r\nX-Injected: 1'],
      ['a lone LF', 'abc\ndef'],
      ['a lone CR', 'abc\rdef'],
      ['a NUL', 'abc\u0000def'],
    ])('rejects %s with mcp.invalid_header, never echoing the value', (_name, value) => {
      expect(mcpFindings({ url: 'https://docs.example.com/mcp', headers: { 'X-Trace': value } })).toEqual({
        deployable: false,
        found: [
          {
            level: 'error',
            code: 'mcp.invalid_header',
            where: 'mcp:solo/docs',
            message:
              "Server 'docs' header 'X-Trace' has a CR, LF or NUL in its value; an HTTP header value is one line.",
          },
        ],
      });
    });

    it('accepts a tab and spaces inside a value', () => {
      const headers = { 'X-Trace': 'a\tb c' };
      expect(mcpFindings({ url: 'https://docs.example.com/mcp', headers })).toEqual({
        deployable: true,
        found: [],
      });
    });
  });
});
