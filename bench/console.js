'use strict';
/* global document, window, MutationObserver, requestAnimationFrame -- page functions, run in Chromium */
// `npm run bench:console [-- --intakes 50]`: the agent console's phone-call intake in Debian's Chromium against the
// running system (`npm start`, demo data): the time from Ctrl+Enter to the case number on screen, over 50 intakes
// after 5 to warm up (issue #11: p95 ≤ 300 ms), and the JavaScript of the console's first load, gzipped (≤ 300 kB).
// Exit 2 when a floor is missed. It logs 55 cases as the demo agent (BENCH_USERNAME / BENCH_PASSWORD): on this
// machine only, unless --remote.
const { parseArgs } = require('node:util');
const zlib = require('node:zlib');
const { launchChromium } = require('../scripts/chromium');
const { benchCredentials, percentile } = require('./common');
const { describeMachine } = require('./machine');

const FLOORS = { p95Ms: 300, javascriptKb: 300 };
const WARM_UP = 5;

/** Signs in on the page as the demo agent and opens the intake, counting the JavaScript the browser loads. */
async function openConsole(page, baseUrl) {
  const scripts = new Map();
  page.on('response', async (response) => {
    if (response.request().resourceType() !== 'script') return;
    const body = await response.body().catch(() => null);
    if (body) scripts.set(new URL(response.url()).pathname, zlib.gzipSync(body, { level: 9 }).length);
  });
  await page.goto(`${baseUrl}/staff/sign-in`);
  const { username, password } = benchCredentials();
  await page.getByLabel('Login').fill(username);
  await page.getByLabel('Hasło').fill(password);
  await page.getByRole('button', { name: 'Zaloguj' }).click();
  await page.getByRole('combobox', { name: 'Kategoria' }).waitFor();
  await page.waitForLoadState('networkidle');
  return scripts;
}

/**
 * One intake as an agent types it; returns the milliseconds from the Ctrl+Enter keydown to the frame after the case
 * number entered the page, both taken inside the page (performance.now()), so the driver's own latency is not in it.
 */
async function timedIntake(page, index) {
  await page.keyboard.type('dziura');
  await page.keyboard.press('Enter');
  await page.keyboard.type(`Dziura w jezdni nr ${index}`);
  await page.evaluate(() => {
    const timing = { submitted: 0, shown: 0 };
    window.__intakeTiming = timing;
    const onKeyDown = (event) => {
      if (event.key !== 'Enter' || !event.ctrlKey) return;
      timing.submitted = performance.now();
      document.removeEventListener('keydown', onKeyDown, { capture: true });
    };
    document.addEventListener('keydown', onKeyDown, { capture: true });
    const observer = new MutationObserver(() => {
      if (!document.querySelector('[data-testid="case-number"]')) return;
      observer.disconnect();
      requestAnimationFrame(() => (timing.shown = performance.now()));
    });
    observer.observe(document.body, { childList: true, subtree: true });
  });
  await page.keyboard.press('Control+Enter');
  await page.getByTestId('case-number').waitFor();
  await page.waitForFunction(() => window.__intakeTiming.shown > 0);
  const { submitted, shown } = await page.evaluate(() => window.__intakeTiming);
  await page.keyboard.press('Enter'); // "New case" has the focus
  await page.getByRole('combobox', { name: 'Kategoria' }).waitFor();
  return shown - submitted;
}

async function main() {
  const { values } = parseArgs({
    options: { intakes: { type: 'string', default: '50' }, remote: { type: 'boolean', default: false } },
  });
  const intakes = Number(values.intakes);
  const baseUrl = process.env.BASE_URL || 'http://127.0.0.1:3000';
  // It logs real cases: a system elsewhere (a live one?) only when asked for in so many words.
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(new URL(baseUrl).hostname) && !values.remote) {
    throw new Error(
      `${baseUrl} is not this machine: the bench logs ${intakes + WARM_UP} cases there. Add --remote to mean it.`,
    );
  }
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ locale: 'pl-PL', timezoneId: 'Europe/Warsaw' });
    const page = await context.newPage();
    const scripts = await openConsole(page, baseUrl);
    const javascriptKb = [...scripts.values()].reduce((sum, bytes) => sum + bytes, 0) / 1024;
    for (let index = 0; index < WARM_UP; index++) await timedIntake(page, index);
    const times = [];
    for (let index = 0; index < intakes; index++) times.push(await timedIntake(page, WARM_UP + index));
    const sorted = [...times].sort((a, b) => a - b);
    const result = {
      machine: describeMachine(),
      chromium: browser.version(),
      intakes,
      submitToNumberMs: {
        p50: Math.round(percentile(sorted, 50)),
        p95: Math.round(percentile(sorted, 95)),
        max: Math.round(sorted.at(-1)),
      },
      consoleJavascriptGzippedKb: Math.round(javascriptKb * 10) / 10,
      scripts: Object.fromEntries([...scripts].map(([name, bytes]) => [name, `${(bytes / 1024).toFixed(1)} kB gz`])),
    };
    console.log(JSON.stringify(result, null, 2));
    const p95Ok = result.submitToNumberMs.p95 <= FLOORS.p95Ms;
    const sizeOk = result.consoleJavascriptGzippedKb <= FLOORS.javascriptKb;
    console.log(
      `submit → number on screen p95 ${result.submitToNumberMs.p95} ms (floor ≤ ${FLOORS.p95Ms}): ${p95Ok ? 'PASS' : 'FAIL'}; ` +
        `console JavaScript ${result.consoleJavascriptGzippedKb} kB gzipped (floor ≤ ${FLOORS.javascriptKb}): ${sizeOk ? 'PASS' : 'FAIL'}`,
    );
    process.exitCode = p95Ok && sizeOk ? 0 : 2;
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
