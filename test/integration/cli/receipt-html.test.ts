// biome-ignore-all lint/performance/useDomNodeTextContent: Playwright's Locator.innerText is the rendered text the tests assert, not the DOM property.
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RepoRoot, runCli } from '../../support/run-cli.js';

/** Debian's Chromium (`.ci/run` installs it); browser downloads fail on these machines. */
const ChromiumPath = '/usr/bin/chromium';
/** Without the background-networking flags Chromium dials out at start, which this closed network refuses. */
const ChromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const Hostile = '<script>alert(1)</script>';

describe('agentdrop receipt --html, opened in Chromium', () => {
  let scratch = '';
  let browser: BrowserContext;
  const cli = (argv: string[]) => runCli(argv, RepoRoot, { AGENTDROP_LOCAL_DIR: join(scratch, 'cloud') });

  /** Opens a report from disk; returns the page and every request it made and console message it logged. */
  const open = async (file: string) => {
    const page = await browser.newPage();
    const requests: string[] = [];
    const messages: string[] = [];
    const dialogs: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message) => messages.push(message.text()));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(pathToFileURL(file).href);
    return { page, requests, messages, dialogs };
  };
  const nodeText = (page: Page, node: string) =>
    page
      .locator(`li[data-node="${node}"]`)
      .first()
      .locator(':scope > strong, :scope > .badge')
      .allInnerTexts();

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'agentdrop-receipt-html-'));
    browser = await chromium.launchPersistentContext(join(scratch, 'chromium-profile'), {
      executablePath: ChromiumPath,
      headless: true,
      args: ChromiumArgs,
      viewport: { width: 1200, height: 900 },
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await rm(scratch, { recursive: true, force: true });
  });

  it('shows the timeline, the decision and the trace tree of examples/team, and loads nothing', async () => {
    expect((await cli(['push', 'examples/team'])).code).toBe(0);
    const file = join(scratch, 'team.html');
    const written = await cli(['receipt', 'team', '--html', file]);
    expect([written.code, written.stdout]).toEqual([0, '']);
    expect(written.stderr).toMatch(/^Wrote the run report of team deploy [0-9A-Z]{26} to .*team\.html\.$/m);

    const { page, requests, messages } = await open(file);
    const rows = page.locator('#timeline tbody tr');
    expect(await rows.count()).toBeGreaterThanOrEqual(10);
    await expect.poll(() => rows.first().isVisible()).toBe(true);
    const states = await rows.evaluateAll((all) => all.map((row) => row.getAttribute('data-state')));
    expect(states.slice(0, 2)).toEqual(['Plan', 'RouteByDecision']);
    expect(states).toEqual(expect.arrayContaining(['BuildImage', 'SmokeTest', 'RecordSuccess']));
    expect(await page.locator('tr[data-state="SmokeTest"] td.num').nth(1).innerText()).toMatch(
      /^\d+(\.\d)? m?s$/,
    );

    const decision = await page.locator('#decision').innerText();
    expect(decision).toContain('create');
    expect(decision).toContain('No resource of this project existed: the run created one.');
    expect(decision).toContain("auto: 3 agents with delegation under entry 'editor'");

    for (const node of [
      'agent:editor',
      'subagent:researcher',
      'subagent:writer',
      'mcp:aws-docs',
      'skills:skills',
    ]) {
      expect(await page.locator(`li[data-node="${node}"]`).first().isVisible(), node).toBe(true);
    }
    expect(await nodeText(page, 'subagent:researcher')).toEqual(['researcher', 'EXERCISED']);
    expect(await nodeText(page, 'mcp:aws-docs')).toEqual(['aws-docs', 'WIRED']);
    // The writer's skill load is nested under the writer, with the cell's evidence.
    const skills = page.locator('li[data-node="subagent:writer"] li[data-node="skills:skills"]');
    expect(await skills.locator('.evidence').innerText()).toMatch(
      /^evidence: writer → skills \(depth 1, ok\)/,
    );
    // The inline stylesheet applied: the page's CSP allows it by its hash.
    expect(
      await page
        .locator('#outcome')
        .evaluate((badge) => badge.ownerDocument.defaultView?.getComputedStyle(badge).color),
    ).toBe('rgb(26, 127, 55)');
    expect(messages.filter((message) => /Content Security Policy/i.test(message))).toEqual([]);
    expect(await page.locator('#links').count()).toBe(0);
    expect(requests).toEqual([pathToFileURL(file).href]);

    await page.screenshot({ path: join(scratch, 'team.png'), fullPage: true });
    expect((await stat(join(scratch, 'team.png'))).size).toBeGreaterThan(10_000);
  }, 120_000);

  it("renders a failed run's error code and failed state, and the prompt's markup as text", async () => {
    const folder = join(scratch, 'picky');
    await mkdir(folder);
    await writeFile(
      join(folder, 'agent.md'),
      '---\ndescription: Expects a reply it never gets.\n---\nBe brief.\n',
    );
    await writeFile(
      join(folder, 'agentdrop.yaml'),
      `smoke:\n  prompt: "Say ${Hostile} back"\n  expect: "^never-this$"\n`,
    );
    expect((await cli(['push', folder, '--project', 'picky'])).code).toBe(1);
    const file = join(scratch, 'picky.html');
    expect((await cli(['receipt', 'picky', '--html', file])).code).toBe(0);

    const { page, requests, dialogs } = await open(file);
    expect(await page.locator('#outcome').innerText()).toBe('failed');
    expect(await page.locator('#error-code').innerText()).toBe('SmokeTestFailed');
    expect(await page.locator('#failed-state').innerText()).toBe('SmokeTest');
    const smoke = page.locator('#timeline tr[data-state="SmokeTest"]');
    expect([await smoke.getAttribute('class'), await smoke.locator('td').nth(5).innerText()]).toEqual([
      'step-failed',
      'failed',
    ]);
    expect(await page.locator('#decision').innerText()).toContain(`Say ${Hostile} back`);
    expect([await page.locator('script').count(), dialogs]).toEqual([0, []]);
    expect(requests).toEqual([pathToFileURL(file).href]);
    await page.screenshot({ path: join(scratch, 'picky.png'), fullPage: true });
  }, 120_000);
});
