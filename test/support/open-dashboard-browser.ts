import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Why the browser suites cannot run here (no Chromium), or false; SWITCHYARD_REQUIRE_SERVICES=1 makes a missing browser a failure. */
export function skipWithoutChromium(): string | false {
  if (existsSync(CHROMIUM) || process.env.SWITCHYARD_REQUIRE_SERVICES === '1') return false;
  console.log(`# skipped: dashboard browser tests (no ${CHROMIUM}; apt-get install chromium)`);
  return `no ${CHROMIUM}`;
}

export interface DashboardBrowser {
  page: Page;
  context: BrowserContext;
  /** Console errors, page errors and HTTP answers ≥ 400 seen so far. */
  problems: string[];
  /** Opens `#/<hash>` and waits for its heading and for every "Loading…" to go. */
  open(hash: string, heading: string): Promise<void>;
  /** Full-page screenshot under test-artifacts/dashboard/<name>.png. */
  shot(name: string): Promise<void>;
  signIn(adminKey: string): Promise<void>;
  close(): Promise<void>;
}

/** Debian's Chromium through playwright-core (no browser download), a fresh profile, pointed at the gateway. */
export async function openDashboardBrowser(gatewayUrl: string): Promise<DashboardBrowser> {
  const artifacts = join(import.meta.dirname, '..', '..', 'test-artifacts', 'dashboard');
  mkdirSync(artifacts, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'switchyard-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1360, height: 860 } });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()} ${response.url()}`);
  });
  const open = async (hash: string, heading: string) => {
    await page.goto(`${gatewayUrl}/#/${hash}`);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor({ timeout: 10_000 });
    await page.locator('.loading').first().waitFor({ state: 'detached', timeout: 10_000 });
  };
  return {
    page,
    context,
    problems,
    open,
    shot: async (name) => void (await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true })),
    signIn: async (adminKey) => {
      await page.goto(gatewayUrl);
      await page.getByLabel('Management key').fill(adminKey);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    },
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
