import { addDays, warsawLocal, warsawToday } from '../../apps/web/src/i18n/warsaw-time';
import { accessibilityProblems, BrowserJourney, errorsOf, screenshot } from './support/browser';

jest.setTimeout(90_000);

const OFFICE = 'zom-wrzeszcz';
const SERVICE = 'dowod-osobisty';

/** The first day from tomorrow with a free slot for the service, and that slot (the api's own list). */
async function firstFreeSlot(journey: BrowserJourney): Promise<{ date: string; start: string }> {
  for (let ahead = 1; ahead <= 14; ahead++) {
    const date = addDays(warsawToday(), ahead);
    const { body } = await journey.t
      .http()
      .get('/api/v1/visits/slots')
      .query({ officeCode: OFFICE, serviceCode: SERVICE, date })
      .expect(200);
    const slot = (body.items as { start: string; free: number }[]).find((item) => item.free > 0);
    if (slot) return { date, start: slot.start };
  }
  throw new Error('No free slot in the next 14 days');
}

/** `10:30`: an instant on the Warsaw clock, as the pages show it. */
const warsawTime = (iso: string) => warsawLocal(new Date(iso)).slice(11);

describe('Visits: a resident books, the office checks them in', () => {
  let journey: BrowserJourney;

  beforeAll(async () => {
    journey = await BrowserJourney.start();
  });
  afterAll(async () => {
    await journey?.stop();
  });

  it('books a visit on the public page, reads it back by its code, and the office checks the resident in', async () => {
    const { date, start } = await firstFreeSlot(journey);
    const { page: resident, context: residentContext } = await journey.newPage();
    await resident.goto('/');
    await resident.getByRole('link', { name: /Umów wizytę w urzędzie/ }).click();
    await resident.getByLabel('Urząd').selectOption(OFFICE);
    await resident.getByLabel('Sprawa do załatwienia').selectOption(SERVICE);
    await resident.getByLabel('Dzień wizyty').fill(date);
    await resident.getByRole('button', { name: new RegExp(`^${warsawTime(start)}, \\d+ woln`) }).click();
    await resident.getByLabel('Imię i nazwisko').fill('Jan Nowak');
    await resident.getByLabel('Telefon').fill('+48 501 222 333');
    expect(await accessibilityProblems(resident)).toEqual([]);
    await screenshot(resident, 'resident-visit-booking');
    await resident.getByRole('button', { name: 'Zarezerwuj' }).click();

    await resident.getByRole('heading', { name: 'Wizyta zarezerwowana' }).waitFor();
    const code = ((await resident.getByTestId('visit-code').textContent()) as string).trim();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    const rows = await journey.t.db.query(
      `SELECT office_code, service_code, status, starts_at, resident_name FROM visits`,
    );
    expect(rows).toEqual([
      {
        office_code: OFFICE,
        service_code: SERVICE,
        status: 'booked',
        starts_at: new Date(start),
        resident_name: 'Jan Nowak',
      },
    ]);
    expect(await accessibilityProblems(resident)).toEqual([]);
    await screenshot(resident, 'resident-visit-booked');

    // The resident reads the booking back by its code: where and when, nothing personal.
    await resident.goto('/visits/manage');
    await resident.getByLabel('Kod wizyty').fill(code.toLowerCase());
    await resident.getByRole('button', { name: 'Sprawdź' }).click();
    const managed = resident.getByTestId('managed-visit');
    await managed.waitFor();
    const shown = (await managed.textContent()) as string;
    expect(shown).toContain(warsawTime(start));
    expect(shown).toContain('zarezerwowana');
    expect(shown).not.toContain('Jan Nowak');
    expect(errorsOf(resident)).toEqual([]);
    await residentContext.close();

    // The day of the visit comes: the booking is moved to today, now (the api's clock cannot be moved from here).
    await journey.t.asOwner(
      `UPDATE visits SET starts_at = now() - interval '1 minute', ends_at = now() + interval '14 minutes'`,
    );
    const today = warsawToday();
    const { page: office, context: officeContext } = await journey.newPage();
    await journey.signIn(office, 'demo.zom');
    await office.goto(`/staff/visits?office=${OFFICE}&date=${today}`);
    await office.getByRole('cell', { name: 'Jan Nowak', exact: true }).waitFor();
    const byCode = office.getByTestId('check-in-by-code');
    await byCode.getByLabel('Kod wizyty').fill(code);
    await byCode.getByRole('button', { name: 'Przyjmij', exact: true }).click();
    const checkingIn = Date.now();
    const notice = office.getByTestId('check-in-notice');
    await notice.waitFor();
    const [visit] = await journey.t.db.query(`SELECT status, checked_in_at, starts_at, desk FROM visits`);
    expect(await notice.textContent()).toBe(
      `Przyjęto: Jan Nowak, wizyta o ${warsawTime(visit.starts_at.toISOString())} — ZOM Wrzeszcz, stanowisko ${visit.desk}.`,
    );
    expect(visit.status).toBe('checked_in');
    expect(Math.abs(visit.checked_in_at.getTime() - checkingIn)).toBeLessThan(10_000);
    expect(await accessibilityProblems(office)).toEqual([]);
    await screenshot(office, 'office-check-in');
    expect(errorsOf(office)).toEqual([]);
    await officeContext.close();
  });

  it('an agent books for a caller from the case, and the resident cancels by the code', async () => {
    const { date, start } = await firstFreeSlot(journey);
    const { page, context } = await journey.newPage();
    await journey.signIn(page, 'demo.agent');
    await page.getByRole('combobox', { name: 'Kategoria' }).fill('dowód');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Wymiana dowodu osobistego');
    await page.keyboard.press('Control+Enter');
    const caseNumber = (await page.getByTestId('case-number').textContent()) as string;
    await page.getByRole('link', { name: 'Umów wizytę dla dzwoniącego' }).click();
    await page.getByTestId('booking-case').waitFor();
    expect(await page.getByTestId('booking-case').textContent()).toContain(caseNumber);
    await page.getByLabel('Urząd').selectOption(OFFICE);
    await page.getByLabel('Sprawa do załatwienia').selectOption(SERVICE);
    await page.getByLabel('Dzień wizyty').fill(date);
    await page.getByRole('button', { name: new RegExp(`^${warsawTime(start)}, \\d+ woln`) }).click();
    await page.getByLabel('Imię i nazwisko').fill('Ewa Lis');
    await page.getByLabel('E-mail').fill('ewa.lis@example.com');
    await page.getByRole('button', { name: 'Zarezerwuj' }).click();
    const code = ((await page.getByTestId('visit-code').textContent()) as string).trim();
    const [booked] = await journey.t.db.query(
      `SELECT v.status, c.number FROM visits v JOIN cases c ON c.id = v.case_id WHERE v.resident_name = 'Ewa Lis'`,
    );
    expect(booked).toEqual({ status: 'booked', number: caseNumber });
    await context.close();

    const { page: resident, context: residentContext } = await journey.newPage();
    await resident.goto('/visits/manage');
    await resident.getByLabel('Kod wizyty').fill(code);
    await resident.getByRole('button', { name: 'Sprawdź' }).click();
    await resident.getByRole('button', { name: 'Odwołaj wizytę' }).click();
    await resident.getByRole('button', { name: 'Tak, odwołaj' }).click();
    await resident.getByText('Wizyta została odwołana.').waitFor();
    const [cancelled] = await journey.t.db.query(`SELECT status FROM visits WHERE resident_name = 'Ewa Lis'`);
    expect(cancelled.status).toBe('cancelled');
    expect(await accessibilityProblems(resident)).toEqual([]);
    await screenshot(resident, 'resident-visit-cancelled');
    await residentContext.close();
  });
});
