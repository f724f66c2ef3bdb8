import type { Page } from 'playwright-core';
import { accessibilityProblems, BrowserJourney, errorsOf, screenshot } from './support/browser';

jest.setTimeout(90_000);

/**
 * Keys pressed on the keyboard, counted apart from the text typed: the issue allows a phone-call intake at most 10
 * keystrokes beyond the typed text, and no mouse.
 */
class Keyboard {
  pressed: string[] = [];

  constructor(private readonly page: Page) {}

  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
  }

  async press(key: string): Promise<void> {
    this.pressed.push(key);
    await this.page.keyboard.press(key);
  }
}

describe('The agent console', () => {
  let journey: BrowserJourney;

  beforeAll(async () => {
    journey = await BrowserJourney.start();
  });
  afterAll(async () => {
    await journey?.stop();
  });

  it('logs a phone call by keyboard alone, in at most 10 keystrokes beyond the text, and shows the number to read out', async () => {
    const { page, context } = await journey.newPage();
    await journey.signIn(page, 'demo.agent');
    expect(new URL(page.url()).pathname).toBe('/staff/intake');
    const category = page.getByRole('combobox', { name: 'Kategoria' });
    await category.waitFor();
    // The form is ready for typing the moment it shows: the category field has the focus.
    await expect(category.evaluate((element) => element === document.activeElement)).resolves.toBe(true);
    const before = await journey.t.count('cases');

    const keys = new Keyboard(page);
    await keys.type('dziura');
    expect(await page.getByRole('option').first().textContent()).toMatch(/^Dziura w jezdni/);
    await keys.press('Enter');
    await keys.type('Dziura w jezdni przed przejściem');
    await keys.press('Tab');
    await keys.type('Głęboka na 20 cm, przy krawężniku, od strony przystanku.');
    await keys.press('Tab');
    await keys.type('Anna Kowalska');
    await keys.press('Tab');
    await keys.type('+48 600 100 200');
    await keys.press('Tab');
    await keys.press('Tab'); // no e-mail
    await keys.type('ul. Grunwaldzka 100');
    await keys.press('Tab');
    await keys.type('Wrzeszcz Górny');
    await screenshot(page, 'agent-intake-form');
    await keys.press('Control+Enter');

    const number = page.getByTestId('case-number');
    await number.waitFor();
    const caseNumber = (await number.textContent()) as string;
    const trackingCode = (await page.getByTestId('tracking-code').textContent()) as string;
    expect(caseNumber).toMatch(/^\d{4}-\d{6}-\d$/);
    expect(trackingCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    // 8 keystrokes beyond the text (the issue allows 10), no mouse.
    expect(keys.pressed).toEqual(['Enter', 'Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Control+Enter']);
    // Large enough to read out over the phone.
    expect(await number.evaluate((element) => parseFloat(getComputedStyle(element).fontSize))).toBeGreaterThanOrEqual(
      32,
    );
    await screenshot(page, 'agent-case-logged');

    const rows = await journey.t.db.query(
      `SELECT channel, category_code, unit_code, subject, resident_name, resident_phone, location_district
         FROM cases WHERE number = $1`,
      [caseNumber],
    );
    expect(rows).toEqual([
      {
        channel: 'phone',
        category_code: 'dziura-w-jezdni',
        unit_code: 'gzdiz',
        subject: 'Dziura w jezdni przed przejściem',
        resident_name: 'Anna Kowalska',
        resident_phone: '+48 600 100 200',
        location_district: 'Wrzeszcz Górny',
      },
    ]);
    expect(await journey.t.count('cases')).toBe(before + 1);
    expect(await accessibilityProblems(page)).toEqual([]);

    // Enter on the focused "New case" starts the next call with an empty form.
    await page.keyboard.press('Enter');
    await expect(category.evaluate((element) => element === document.activeElement)).resolves.toBe(true);
    await expect(category.inputValue()).resolves.toBe('');
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(errorsOf(page)).toEqual([]);
    await context.close();
  });

  it('shows a refused field next to it, keeps everything typed, and stores nothing', async () => {
    const { page, context } = await journey.newPage();
    await journey.signIn(page, 'demo.agent');
    const before = await journey.t.count('cases');
    // The page's own check: no category picked.
    await page.getByLabel('Temat').fill('Nie świeci latarnia');
    await page.getByRole('button', { name: 'Zarejestruj sprawę' }).click();
    await page.getByText('Wybierz kategorię z listy.').waitFor();
    await page.getByRole('combobox', { name: 'Kategoria' }).fill('latarnia');
    await page.keyboard.press('Enter');

    // The api's check, shown at its field in the agent's language: a phone that cannot be one.
    await page.getByLabel('Telefon').fill('dzwonić wieczorem');
    await page.getByRole('button', { name: 'Zarejestruj sprawę' }).click();
    await page.getByText('Telefon: 3–32 znaki — cyfry, spacje, + ( ) -.').waitFor();
    await expect(page.getByLabel('Telefon').getAttribute('aria-invalid')).resolves.toBe('true');
    await screenshot(page, 'agent-intake-refused');
    expect(await journey.t.count('cases')).toBe(before);

    // Nothing typed is lost, not even across a reload.
    await page.reload();
    await expect(page.getByLabel('Temat').inputValue()).resolves.toBe('Nie świeci latarnia');
    await expect(page.getByLabel('Telefon').inputValue()).resolves.toBe('dzwonić wieczorem');
    await page.getByLabel('Telefon').fill('58 52 44 500');
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('case-number').waitFor();
    expect(await journey.t.count('cases')).toBe(before + 1);
    await context.close();
  });

  it('on the case page, a change someone else saved first (412) reloads the case and keeps what was typed', async () => {
    const { page, context } = await journey.newPage();
    await journey.signIn(page, 'demo.agent');
    const supervisor = await journey.token('demo.supervisor');
    const created = await journey.t
      .http()
      .post('/api/v1/cases')
      .set('Authorization', supervisor)
      .send({ channel: 'email', categoryCode: 'zielen', subject: 'Złamana gałąź' })
      .expect(201);
    const number: string = created.body.number;

    await page.goto(`/staff/cases/${number}`);
    await page.getByRole('heading', { name: `Sprawa ${number}` }).waitFor();
    const edit = page.locator('form', { has: page.getByRole('button', { name: 'Zapisz' }) });
    await edit.getByLabel('Temat').fill('Złamana gałąź nad chodnikiem przy szkole');
    // Meanwhile a supervisor changes the case.
    await journey.t
      .http()
      .patch(`/api/v1/cases/${number}`)
      .set('Authorization', supervisor)
      .set('If-Match', '"1"')
      .send({ priority: 'high' })
      .expect(200);
    await edit.getByRole('button', { name: 'Zapisz' }).click();
    await page.getByText('Ktoś właśnie zmienił tę sprawę').waitFor();
    await expect(edit.getByLabel('Temat').inputValue()).resolves.toBe('Złamana gałąź nad chodnikiem przy szkole');
    await screenshot(page, 'agent-case-conflict');

    await edit.getByRole('button', { name: 'Zapisz' }).click();
    await page.getByText('Zapisano.').waitFor();
    const [row] = await journey.t.db.query(`SELECT subject, priority, version FROM cases WHERE number = $1`, [number]);
    expect(row).toEqual({ subject: 'Złamana gałąź nad chodnikiem przy szkole', priority: 'high', version: 3 });

    // A public note for the resident, and the history shows both changes.
    await page.getByLabel('Treść notatki').fill('Zgłoszenie przekazane do GZDiZ, ekipa będzie w piątek.');
    await page.getByLabel('Widoczność').selectOption('public');
    await page.getByRole('button', { name: 'Dodaj notatkę' }).click();
    await page.getByTestId('history').getByText('Notatka publiczna (widzi mieszkaniec)').waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'agent-case-page');
    expect(errorsOf(page)).toEqual([]);
    await context.close();
  });
});
