import { Test, TestingModule } from '@nestjs/testing';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AppConfigModule, DatabaseModule } from '@app/core';
import { DEMO_PASSWORD, DemoDataModule, DemoDataService } from '@app/demo-data';
import { TestApp } from '../../support/app';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { launchChromium } = require('../../../scripts/chromium') as { launchChromium(): Promise<Browser> };

/** Screenshots of every journey's pages, for review (kept out of git). */
export const ARTIFACTS = join(__dirname, '../../artifacts');

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
  async newPage(
    options: { locale?: string; reducedMotion?: 'reduce' } = {},
  ): Promise<{ context: BrowserContext; page: Page }> {
    const context = await this.browser.newContext({
      baseURL: this.origin,
      reducedMotion: options.reducedMotion,
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

  /** A bearer token of a demo user, for what a journey sets up through the api (as another person would). */
  async token(username: string): Promise<string> {
    const { body } = await this.t
      .http()
      .post('/api/v1/auth/login')
      .send({ username, password: DEMO_PASSWORD })
      .expect(200);
    return `Bearer ${body.accessToken}`;
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
    const axe = (
      window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: unknown[] }> } }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations;
  });
  return (violations as AxeViolation[])
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.impact} ${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
    );
}
