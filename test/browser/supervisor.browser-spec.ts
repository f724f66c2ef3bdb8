import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { BAR, PEAK } from '../../apps/web/src/pages/dashboard/chart-colours';
import { accessibilityProblems, BrowserJourney, errorsOf, screenshot } from './support/browser';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { MONTHLY_2020 } = require('../../bench/history-csv.js') as { MONTHLY_2020: number[] };

jest.setTimeout(180_000);

/**
 * The bars as drawn: for each run of columns painted in a bar colour (blue, or red for the peak) from the chart's
 * baseline up, its height in pixels, left to right. Read off the canvas itself, so the test sees what a person sees.
 */
async function barHeights(page: Page): Promise<number[]> {
  const colours = [BAR, PEAK].map((hex) => [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16)));
  return page
    .getByTestId('volume-chart')
    .locator('canvas')
    .evaluate((canvas: HTMLCanvasElement, colours: number[][]) => {
      const { width, height } = canvas;
      const pixels = (canvas.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, width, height).data;
      const isBar = (x: number, y: number) => {
        const at = (y * width + x) * 4;
        return colours.some(
          ([r, g, b]) => Math.abs(pixels[at] - r) + Math.abs(pixels[at + 1] - g) + Math.abs(pixels[at + 2] - b) < 30,
        );
      };
      const columnHeights: number[] = [];
      for (let x = 0; x < width; x++) {
        let bottom = height - 1;
        while (bottom > 0 && !isBar(x, bottom)) bottom--;
        let top = bottom;
        while (top > 0 && isBar(x, top - 1)) top--;
        columnHeights.push(bottom > 0 ? bottom - top + 1 : 0);
      }
      const bars: number[] = [];
      let run: number[] = [];
      for (const columnHeight of [...columnHeights, 0]) {
        if (columnHeight > 0) run.push(columnHeight);
        else if (run.length) {
          bars.push(run.sort((a, b) => a - b)[Math.floor(run.length / 2)]);
          run = [];
        }
      }
      return bars;
    }, colours);
}

describe('The supervisors’ dashboard', () => {
  let journey: BrowserJourney;
  const history = execFileSync(process.execPath, ['bench/history-csv.js', '--year', '2020'], {
    maxBuffer: 64 * 1024 * 1024,
  });
  const rows = MONTHLY_2020.reduce((sum, count) => sum + count, 0);

  beforeAll(async () => {
    journey = await BrowserJourney.start();
  });
  afterAll(async () => {
    await journey?.stop();
  });

  it('imports a year of history with progress, sees June 2020 as the peak bar at its height, and downloads the CSV', async () => {
    const { page, context } = await journey.newPage({ reducedMotion: 'reduce' });
    await journey.signIn(page, 'demo.supervisor');
    expect(new URL(page.url()).pathname).toBe('/staff/dashboard');

    await page.getByRole('link', { name: 'Import' }).click();
    await page.getByLabel('Plik CSV z historią spraw').setInputFiles({
      name: 'historia-2020.csv',
      mimeType: 'text/csv',
      buffer: history,
    });
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'Importuj' }).click();
    await page.getByTestId('import-progress').waitFor();
    await screenshot(page, 'supervisor-import-progress');
    const result = page.getByTestId('import-result');
    await result.waitFor({ timeout: 150_000 });
    expect(await result.textContent()).toContain(`Zaimportowano ${rows.toLocaleString('pl-PL')} spraw, 0 duplikatów`);
    expect(await journey.t.count('cases')).toBe(rows);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'supervisor-import-done');

    await page.goto('/staff/dashboard');
    await page.getByLabel('Od miesiąca').fill('2020-01');
    await page.getByLabel('Do miesiąca').fill('2020-12');
    await page.getByRole('button', { name: 'Pokaż' }).click();
    const june = page.locator('[data-testid="volume-table"] tbody tr[data-month="2020-06"]');
    await june.waitFor();
    expect(await june.getAttribute('class')).toBe('is-peak');
    expect(await june.locator('td[data-total]').getAttribute('data-total')).toBe('12369');
    expect(await page.getByTestId('volume-peak').textContent()).toContain('czerwiec 2020 — 12\u00a0369 spraw');
    const totals = await page
      .locator('[data-testid="volume-table"] tbody tr[data-month] td[data-total]')
      .evaluateAll((cells) => cells.map((cell) => Number(cell.getAttribute('data-total'))));
    expect(totals).toEqual(MONTHLY_2020);

    // The bars on the canvas: twelve, June the tallest, each as tall as its month's count says (to a pixel or two).
    const heights = await barHeights(page);
    expect(heights).toHaveLength(12);
    expect(Math.max(...heights)).toBe(heights[5]);
    heights.forEach((barHeight, month) => {
      expect(Math.abs(barHeight - (heights[5] * MONTHLY_2020[month]) / 12_369)).toBeLessThanOrEqual(2);
    });
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'supervisor-dashboard');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /^Pobierz CSV — Przyjęte sprawy w miesiącach/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('monthly-volumes-2020-01-2020-12.csv');
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.split(/\r?\n/)).toContain('2020-06,12369');
    expect(errorsOf(page)).toEqual([]);
    await context.close();
  });

  it('refuses a file with bad rows, lists them, and stores nothing', async () => {
    const { page, context } = await journey.newPage();
    await journey.signIn(page, 'demo.supervisor');
    await page.goto('/staff/import');
    const before = await journey.t.count('cases');
    const bad = [
      'external_ref,received_at,channel,category_code,subject,description,status,resolved_at',
      'BAD-1,2020-06-01T10:00:00Z,pigeon,informacja,Pytanie,,new,',
      'BAD-2,2020-06-01 10:00,phone,informacja,Pytanie,,new,',
    ].join('\r\n');
    await page.getByLabel('Plik CSV z historią spraw').setInputFiles({
      name: 'zle.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${bad}\r\n`),
    });
    await page.getByRole('button', { name: 'Importuj' }).click();
    const errors = page.getByTestId('import-errors');
    await errors.waitFor();
    const cells = await errors
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent)));
    expect(cells).toEqual([
      ['1', 'channel'],
      ['2', 'received_at'],
    ]);
    expect(await journey.t.count('cases')).toBe(before);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'supervisor-import-refused');
    await context.close();
  });
});
