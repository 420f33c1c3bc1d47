/**
 * The dashboard's operations pages in Debian's Chromium (playwright-core): alert rules created,
 * edited and deleted in the page, a budget crossing caused through the simulator showing up as an
 * alert with its webhook delivery; holds in flight on the Credits page; rate-limit usage and 429s;
 * cache hits and savings on the Overview. Screenshots go to test-artifacts/dashboard/.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openDashboardBrowser, skipWithoutChromium, type DashboardBrowser } from '../support/open-dashboard-browser.js';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';

describe('dashboard operations pages in Chromium', { skip: skipWithoutChromium() }, () => {
  let stack: TestStack;
  let browser: DashboardBrowser;
  let receiver: Server;
  let receiverUrl = '';
  const received: string[] = [];
  const chat = (key: string, content: string) =>
    fetch(`${stack.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'sim/echo', max_tokens: 20, messages: [{ role: 'user', content }] }),
    });

  before(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push(body);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/alerts`;
    // The timer is slow: the page's "Check now" evaluates.
    stack = await startTestStack({ config: { alerts: { evaluate_interval_ms: 3_600_000, retry_delays_ms: [20] } } });
    browser = await openDashboardBrowser(stack.gateway.url);
    await browser.signIn(stack.adminKey);
  });

  after(async () => {
    await browser?.close();
    await stack?.close();
    receiver?.close();
  });

  it('alerts: a rule created in the page fires once when the simulator traffic crosses it, with its webhook delivery', async () => {
    const { page, open, shot } = browser;
    // What one request costs; the capped key's limit is ten of them, so one request is 10 %.
    const probe = await chat(stack.apiKey, 'price check');
    const cost = ((await probe.json()) as { usage: { cost: number } }).usage.cost;
    const capped = await stack.createKey({ name: 'alerted key', limit: Number((cost * 10).toFixed(12)), limit_reset: 'daily' });

    await open('alerts', 'Alerts');
    await page.getByText('No rules yet.').waitFor();
    await page.getByRole('button', { name: 'New rule' }).click();
    const dialog = page.getByRole('dialog', { name: 'New alert rule' });
    await dialog.getByLabel('Name').fill('key budget');
    await dialog.getByLabel('Watch').selectOption('budget');
    await dialog.getByLabel('Thresholds (%)').fill('5, 50');
    await dialog.getByLabel('Key').selectOption({ label: 'alerted key' });
    await dialog.getByLabel('Webhook URL').fill(receiverUrl);
    await dialog.getByRole('button', { name: 'Create rule' }).click();
    const secret = (await page.getByTestId('webhook-secret').textContent()) ?? '';
    assert.ok(secret.length >= 32, secret);
    const row = page.locator('tr[data-rule-name="key budget"]');
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /Budget used.*5 \/ 50 % of key “alerted key”.*\/hooks\/alerts/);
    await page.getByRole('button', { name: 'Done' }).click();

    await page.getByRole('button', { name: 'Check now' }).click();
    await page.getByText('Nothing has fired.').waitFor();

    const response = await chat(capped.key, 'spend a little');
    assert.equal(response.status, 200, await response.text());
    await page.getByRole('button', { name: 'Check now' }).click();
    const event = page.locator('tr[data-event-rule="key budget"]');
    await event.waitFor();
    assert.match((await event.textContent()) ?? '', /Key "alerted key" has used 5% of its daily limit/);
    await page.getByRole('button', { name: 'Check now' }).click();
    const deadline = Date.now() + 5000;
    while (received.length < 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(received.length, 1, 'one crossing, one webhook');
    await open('alerts', 'Alerts');
    assert.equal(await page.locator('tr[data-event-rule="key budget"]').count(), 1, 'fired once however often it was checked');
    const delivery = page.getByTestId('alert-deliveries').locator('tbody tr').first();
    assert.match((await delivery.textContent()) ?? '', /has used 5%.*\/hooks\/alerts.*1.*204/);
    await shot('08-alerts');

    await page.locator('tr[data-rule-name="key budget"]').getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit “key budget”' });
    assert.equal(await edit.getByLabel('Thresholds (%)').inputValue(), '5, 50');
    await edit.getByLabel('Name').fill('key budget (80)');
    await edit.getByLabel('Thresholds (%)').fill('80');
    await edit.getByRole('button', { name: 'Save' }).click();
    const edited = page.locator('tr[data-rule-name="key budget (80)"]');
    await edited.waitFor();
    assert.match((await edited.textContent()) ?? '', /80 % of key “alerted key”/);

    await edited.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog', { name: 'Delete rule' }).getByRole('button', { name: 'Delete rule' }).click();
    await page.getByText('No rules yet.').waitFor();
    const rules = (await (await fetch(`${stack.baseURL}/alerts/rules`, { headers: { authorization: `Bearer ${stack.adminKey}` } })).json()) as { data: unknown[] };
    assert.deepEqual(rules.data, []);
    assert.deepEqual(browser.problems, []);
  });

  it('credits: what a capped request in flight holds shows up next to the balance, and goes when it ends', async () => {
    const { page, open, shot } = browser;
    const capped = await stack.createKey({ name: 'slow key', limit: 5 });
    const pending = chat(capped.key, 'take your time [[sim:delay=2500]]');
    await open('credits', 'Credits & budgets');
    const row = page.locator('tr[data-held-key="slow key"]');
    const deadline = Date.now() + 2000;
    while ((await row.count()) === 0 && Date.now() < deadline) await page.getByRole('button', { name: 'Refresh' }).click();
    assert.match((await row.textContent()) ?? '', /slow key.*\$0\.0000\d+|slow key.*\$0\.00\d+/);
    assert.notEqual(await page.getByTestId('held-in-flight').locator('.kpi-value').textContent(), '$0.00');
    await shot('09-credits-holds');
    assert.equal((await pending).status, 200);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByText('Nothing held: no capped request is running.').waitFor();
    assert.equal(await page.getByTestId('held-in-flight').locator('.kpi-value').textContent(), '$0.00');
  });

  it('rate limits: each key\'s usage against its limits and the 429s it got, in a chart', async () => {
    const { page, open, shot } = browser;
    const limited = await stack.createKey({ name: 'one per minute', rate_limits: { requests_per_minute: 1 } });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await chat(limited.key, `limited ${i}`)).status);
    assert.deepEqual(statuses, [200, 429, 429]);
    await open('rate-limits', 'Rate limits');
    const row = page.locator('tr[data-limit-key="one per minute"]');
    await row.waitFor();
    assert.match((await row.locator('td[data-limit="requests_per_minute"]').textContent()) ?? '', /^1 \/ 1$/);
    assert.match((await row.locator('td[data-limit="tokens_per_minute"]').textContent()) ?? '', /no limit/);
    assert.equal(await row.locator('td').last().textContent(), '2');
    assert.equal(await page.getByTestId('rate-limited-24h').locator('.kpi-value').textContent(), '2');
    const box = await page.getByTestId('refusals-chart').locator('canvas').boundingBox();
    assert.ok(box && box.width > 300 && box.height > 150, JSON.stringify(box));
    await shot('11-rate-limits');
    assert.deepEqual(browser.problems, []);
  });

  it('overview: response-cache hits and what caching saved', async () => {
    const { page, open, shot } = browser;
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${stack.baseURL}/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json', 'X-OpenRouter-Cache': 'true' },
        body: JSON.stringify({ model: 'sim/echo', max_tokens: 20, messages: [{ role: 'user', content: 'the same question' }] }),
      });
      assert.equal(response.headers.get('x-openrouter-cache-status'), i === 0 ? 'MISS' : 'HIT');
    }
    await open('overview', 'Overview');
    assert.equal(await page.getByTestId('cache-hits').locator('.kpi-value').textContent(), '2');
    assert.match((await page.getByTestId('cache-savings').locator('.kpi-value').textContent()) ?? '', /^\$0\.0000\d+$/);
    await shot('10-overview-cache');
    assert.deepEqual(browser.problems, []);
  });
});
