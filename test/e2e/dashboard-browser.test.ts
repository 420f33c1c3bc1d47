/**
 * The dashboard in a real browser: Debian's Chromium driven by playwright-core (no browser
 * download). Signs in, creates a key, sends requests through the simulator with it, and sees
 * the spend, the audit entry and every page render without a console error. Screenshots go to
 * test-artifacts/dashboard/ (gitignored).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts', 'dashboard');
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const required = process.env.SWITCHYARD_REQUIRE_SERVICES === '1';
const missing = !existsSync(CHROMIUM);
if (missing && !required) console.log(`# skipped: dashboard browser tests (no ${CHROMIUM}; apt-get install chromium)`);

describe('dashboard in Chromium', { skip: missing && !required ? `no ${CHROMIUM}` : false }, () => {
  let stack: TestStack;
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  const problems: string[] = [];
  let createdKey = '';

  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  const open = async (hash: string, heading: string) => {
    await page.goto(`${stack.gateway.url}/#/${hash}`);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor({ timeout: 10_000 });
    await page.locator('.loading').first().waitFor({ state: 'detached', timeout: 10_000 });
  };

  before(async () => {
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is required (SWITCHYARD_REQUIRE_SERVICES=1)`);
    mkdirSync(ARTIFACTS, { recursive: true });
    stack = await startTestStack();
    profile = mkdtempSync(join(tmpdir(), 'switchyard-chromium-'));
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1360, height: 860 } });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()} ${response.url()}`);
    });
  });

  after(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await stack?.close();
  });

  it('signs in with the management key; the key is not kept in any script-readable storage', async () => {
    await page.goto(stack.gateway.url);
    await page.getByLabel('Management key').waitFor();
    await shot('01-sign-in');
    await page.getByLabel('Management key').fill(stack.adminKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    // A string, so the test's own (Node) types need no DOM.
    const storage = await page.evaluate('JSON.stringify({ cookie: document.cookie, local: { ...localStorage }, session: { ...sessionStorage } })');
    assert.ok(typeof storage === 'string' && !storage.includes(stack.adminKey), String(storage));
    assert.ok(!storage.includes('sy-session-'), 'the session cookie is HttpOnly');
    const cookies = await context.cookies();
    const session = cookies.find((cookie) => cookie.name === 'switchyard_session');
    assert.ok(session?.httpOnly && session.sameSite === 'Strict', JSON.stringify(cookies));
  });

  it('creates a key and shows its secret once', async () => {
    await open('keys', 'API keys');
    await page.getByRole('button', { name: 'Create key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create API key' });
    await dialog.getByLabel('Name').fill('browser test key');
    await dialog.getByLabel('Spending limit (USD)').fill('5');
    await dialog.getByRole('button', { name: 'Create key' }).click();
    createdKey = (await page.getByTestId('new-key-secret').textContent()) ?? '';
    assert.match(createdKey, /^sk-or-v1-/);
    await page.locator('tr[data-key-name="browser test key"]').waitFor();
    await shot('02-key-created');
    await page.getByRole('button', { name: 'Done' }).click();
    assert.equal(await page.getByTestId('new-key-secret').count(), 0);
  });

  it('requests sent with the new key show up as spend and in the daily graph', async () => {
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${stack.baseURL}/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${createdKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'sim/echo', messages: [{ role: 'user', content: `hello dashboard ${i} `.repeat(40) }] }),
      });
      assert.equal(response.status, 200, await response.text());
    }
    const deadline = Date.now() + 10_000;
    let requests = '';
    do {
      await open('overview', 'Overview');
      requests = (await page.getByTestId('requests-30d').locator('.kpi-value').textContent()) ?? '';
    } while (requests !== '3' && Date.now() < deadline);
    assert.equal(requests, '3');
    assert.notEqual(await page.getByTestId('spend-today').locator('.kpi-value').textContent(), '$0.00');
    assert.equal(await page.getByTestId('error-rate').locator('.kpi-value').textContent(), '0.0%');
    const chart = page.getByTestId('spend-chart').locator('canvas');
    await chart.waitFor();
    const box = await chart.boundingBox();
    assert.ok(box && box.width > 300 && box.height > 200, JSON.stringify(box));
    await page.getByRole('cell', { name: 'sim/echo' }).waitFor();
    await shot('03-overview');
    await page.getByRole('button', { name: 'By provider' }).click();
    await page.getByRole('cell', { name: 'Sim A' }).waitFor();
    await shot('04-overview-by-provider');
    await open('keys', 'API keys');
    const row = page.locator('tr[data-key-name="browser test key"]');
    assert.match((await row.textContent()) ?? '', /\/ \$5\.00/);
  });

  it('lists the generations with the key name; the detail shows the cost and the routing', async () => {
    await open('generations', 'Generations');
    const rows = page.locator('tr[data-generation-id]');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 3);
    assert.match((await rows.first().textContent()) ?? '', /sim\/echo.*Sim A.*browser test key/);
    await page.getByLabel('Outcome').selectOption('error');
    await page.getByText('No generations match.').waitFor();
    await page.getByLabel('Outcome').selectOption('');
    await rows.first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Routing' }).waitFor();
    assert.match((await dialog.getByTestId('detail-cost').textContent()) ?? '', /^\$0\.000\d+$/);
    assert.match((await dialog.locator('.attempts').textContent()) ?? '', /Sim A.*sim\/echo.*200/);
    await shot('06-generation-detail');
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('shows the endpoint that served them as healthy on the Providers page', async () => {
    await open('providers', 'Providers');
    const row = page.locator('tr[data-endpoint="sim-a|sim/echo"]');
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /Sim A.*healthy.*100%.*3 \/ 0 \/ 0/);
    await shot('07-providers');
  });

  it('shows the key creation and the sign-in in the audit log', async () => {
    await open('audit', 'Audit log');
    await page.locator('tr[data-action="key.create"]').first().waitFor();
    await page.locator('tr[data-action="dashboard.sign_in"]').first().waitFor();
    assert.match((await page.locator('tr[data-action="key.create"]').first().textContent()) ?? '', /browser test key/);
    await shot('05-audit');
  });

  it('renders every page without a console error or a failed request', async () => {
    for (const [hash, heading] of [
      ['credits', 'Credits & budgets'],
      ['rate-limits', 'Rate limits'],
      ['guardrails', 'Guardrails'],
      ['privacy', 'Privacy'],
      ['alerts', 'Alerts'],
      ['overview', 'Overview'],
    ] as const) {
      await open(hash, heading);
      await shot(`page-${hash}`);
    }
    assert.deepEqual(problems, []);
  });

  it('signs out: the API refuses the old session', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Management key').waitFor();
    const status = await page.evaluate("fetch('/api/v1/dashboard/session').then((response) => response.json())");
    assert.deepEqual(status, { data: null });
    assert.deepEqual(problems, []);
  });
});
