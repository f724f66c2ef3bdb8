import { accessibilityProblems, BrowserJourney, errorsOf, screenshot } from './support/browser';

jest.setTimeout(90_000);

/** A wrong check digit for a number: the next digit (the Damm digit catches every single-digit error). */
function withWrongCheckDigit(number: string): string {
  const digit = Number(number.at(-1));
  return `${number.slice(0, -1)}${(digit + 1) % 10}`;
}

describe('The residents’ tracking page', () => {
  let journey: BrowserJourney;
  let caseNumber: string;
  let trackingCode: string;
  const previousAllowance = process.env.TRACKING_FAILURES_PER_HOUR;

  beforeAll(async () => {
    // A small allowance of wrong look-ups, so that the page's rate-limit message is reached in a few tries.
    process.env.TRACKING_FAILURES_PER_HOUR = '4';
    journey = await BrowserJourney.start();
    const agent = await journey.token('demo.agent');
    const created = await journey.t
      .http()
      .post('/api/v1/cases')
      .set('Authorization', agent)
      .send({
        channel: 'phone',
        categoryCode: 'dziura-w-jezdni',
        subject: 'Dziura na Grunwaldzkiej',
        description: 'Mieszkanka spod numeru 7 prosi o telefon wieczorem.',
        resident: { name: 'Anna Kowalska', phone: '+48 600 100 200', email: 'anna@example.com' },
        location: { address: 'ul. Grunwaldzka 100', district: 'Wrzeszcz Górny' },
      })
      .expect(201);
    caseNumber = created.body.number;
    trackingCode = created.body.trackingCode;
    for (const note of [
      { body: 'Ekipa GZDiZ naprawi jezdnię do piątku.', visibility: 'public' },
      { body: 'Wewnętrzne: dzwonić do p. Kowalskiej po 18.', visibility: 'internal' },
    ]) {
      await journey.t
        .http()
        .post(`/api/v1/cases/${caseNumber}/notes`)
        .set('Authorization', agent)
        .send(note)
        .expect(201);
    }
  });
  afterAll(async () => {
    await journey?.stop();
    if (previousAllowance === undefined) delete process.env.TRACKING_FAILURES_PER_HOUR;
    else process.env.TRACKING_FAILURES_PER_HOUR = previousAllowance;
  });

  it('shows the case by number and code — status, unit, due date, public notes — and no personal data', async () => {
    const { page, context } = await journey.newPage();
    await page.goto('/');
    await page.getByRole('link', { name: /Sprawdź, co dzieje się z Twoją sprawą/ }).click();
    await page.getByLabel('Numer sprawy').fill(caseNumber);
    await page.getByLabel('Kod dostępu').fill(trackingCode.toLowerCase());
    await page.getByRole('button', { name: 'Sprawdź' }).click();
    const tracked = page.getByTestId('tracked-case');
    await tracked.waitFor();

    const text = (await tracked.textContent()) as string;
    expect(text).toContain(`Sprawa ${caseNumber}`);
    expect(text).toContain('przydzielona');
    expect(text).toContain('Dziura w jezdni lub chodniku');
    expect(text).toContain('Gdański Zarząd Dróg i Zieleni');
    expect(text).toContain('Ekipa GZDiZ naprawi jezdnię do piątku.');
    const [{ due_date: dueDate }] = await journey.t.db.query(`SELECT due_date::text FROM cases WHERE number = $1`, [
      caseNumber,
    ]);
    const [year, month, day] = (dueDate as string).split('-');
    expect(text).toContain(`${day}.${month}.${year}`);
    const whole = (await page.textContent('body')) as string;
    for (const secret of [
      'Kowalska',
      '600 100 200',
      'anna@example.com',
      'Mieszkanka spod',
      'Wewnętrzne',
      'demo.agent',
    ]) {
      expect(whole).not.toContain(secret);
    }
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'resident-tracking');

    // The same in English, with the dates still in the day-month order.
    await page.getByRole('button', { name: 'Change language to English' }).click();
    await page.getByRole('heading', { name: 'Track your case' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await tracked.textContent()).toContain('assigned');
    expect(errorsOf(page)).toEqual([]);
    await context.close();
  });

  it('tells a wrong check digit, a case not found and too many tries apart, each in plain words', async () => {
    const { page, context } = await journey.newPage();
    await page.goto('/track');
    const number = page.getByLabel('Numer sprawy');
    const code = page.getByLabel('Kod dostępu');
    const check = page.getByRole('button', { name: 'Sprawdź' });

    await number.fill(withWrongCheckDigit(caseNumber));
    await code.fill(trackingCode);
    await check.click();
    await page.getByText('Ostatnia cyfra numeru się nie zgadza').waitFor();
    expect(await number.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'resident-tracking-check-digit');

    await number.fill(caseNumber);
    await code.fill('ZZZZZZZZ');
    for (let attempt = 0; attempt < 4; attempt += 1) {
      await check.click();
      await page.getByText('Nie znaleziono sprawy o tym numerze i kodzie.').waitFor();
    }
    await check.click();
    await page.getByText(/Zbyt wiele prób\. Spróbuj ponownie za \d+ min\./).waitFor();
    expect(await page.getByTestId('tracked-case').count()).toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'resident-tracking-rate-limited');
    await context.close();
  });
});
