import { Test, TestingModule } from '@nestjs/testing';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { AppConfigModule, DatabaseModule } from '@app/core';
import { DEMO_PASSWORD, DemoDataModule, DemoDataService } from '@app/demo-data';
import { TestApp } from '../../support/app';

/** Debian's Chromium (`apt-get install chromium`); no browser is ever downloaded. */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** Screenshots of every journey's pages, for review (kept out of git). */
export const ARTIFACTS = join(__dirname, '../../artifacts');

// As root in a container, without a GPU, and without Chromium's own calls home, which this network refuses.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: install Debian's package (apt-get install chromium) or set CHROMIUM_PATH.`);
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * The system as a browser meets it: the api on a loopback port serving the built pages (dist/web), on the test
 * database with the demo catalogue, offices and users loaded, and one Chromium.
 */
export class BrowserJourney {
  private constructor(
    readonly t: TestApp,
    readonly origin: string,
    readonly browser: Browser,
    private readonly demo: TestingModule,
  ) {}

  static async start(): Promise<BrowserJourney> {
    const t = await TestApp.start();
    const demo = await Test.createTestingModule({
      imports: [AppConfigModule, DatabaseModule.forRoot(), DemoDataModule],
    }).compile();
    await demo.get(DemoDataService).load(false);
    await demo.get(DemoDataService).loadOffices(false);
    const origin = await t.listen();
    return new BrowserJourney(t, origin, await launchChromium(), demo);
  }

  /** A fresh browser profile (no storage shared between journeys), in Polish, on a desktop screen. */
  async newPage(options: { locale?: string } = {}): Promise<{ context: BrowserContext; page: Page }> {
    const context = await this.browser.newContext({
      baseURL: this.origin,
      locale: options.locale ?? 'pl-PL',
      timezoneId: 'Europe/Warsaw',
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    pageErrors.set(page, errors);
    return { context, page };
  }

  /** Signs in through the sign-in page as a demo user. */
  async signIn(page: Page, username: string): Promise<void> {
    await page.goto('/staff/sign-in');
    await page.getByLabel('Login').fill(username);
    await page.getByLabel('Hasło').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Zaloguj' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/staff/sign-in'));
  }

  async stop(): Promise<void> {
    await this.browser.close();
    await this.demo.close();
    await this.t.stop();
  }
}

const pageErrors = new WeakMap<Page, string[]>();

/** Script errors and console errors the page has shown so far (a journey expects none; refused requests aside). */
export function errorsOf(page: Page): string[] {
  return (pageErrors.get(page) ?? []).filter((message) => !message.startsWith('Failed to load resource'));
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * The serious and critical accessibility violations axe-core (WCAG 2.x A and AA rules) finds on the page as it is
 * now, one line each: an empty list is a pass.
 */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  // Evaluated, not added as a <script>: the pages' content security policy refuses inline scripts, rightly.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations;
  });
  return (violations as AxeViolation[])
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.impact} ${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}
