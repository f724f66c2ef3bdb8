import {
  checkHeader,
  ImportCategory,
  ImportContext,
  IMPORT_COLUMNS,
  parseImportInstant,
  repeatedRefError,
  RowOutcome,
  validateImportRow,
} from './import-row';

const NOW = new Date('2026-06-15T10:00:00Z');
const CATEGORIES = new Map<string, ImportCategory>([
  ['pothole', { code: 'pothole', unitCode: 'roads', sla: { kind: 'working_days', amount: 7 } }],
  ['complaint', { code: 'complaint', unitCode: null, sla: { kind: 'months', amount: 1 } }],
]);
const CONTEXT: ImportContext = { categories: CATEGORIES, now: NOW };

const fieldsOf = (...values: string[]) => values;

/** A valid row as text, with some columns replaced. */
function row(changes: Partial<Record<(typeof IMPORT_COLUMNS)[number], string>> = {}): string[] {
  const base: Record<(typeof IMPORT_COLUMNS)[number], string> = {
    external_ref: 'CRM-2020-0001',
    received_at: '2020-03-15T09:00:00+01:00',
    channel: 'phone',
    category_code: 'pothole',
    subject: 'Dziura na ul. Grunwaldzkiej',
    description: 'Głęboka, przy przystanku',
    status: 'resolved',
    resolved_at: '2020-03-20T12:00:00Z',
    ...changes,
  };
  return fieldsOf(...IMPORT_COLUMNS.map((column) => base[column]));
}

function errorsOf(outcome: RowOutcome): { field: string; message: string }[] {
  return 'errors' in outcome ? outcome.errors.map(({ field, message }) => ({ field, message })) : [];
}

describe('checkHeader', () => {
  it('accepts exactly the eight columns in order', () => {
    expect(checkHeader(fieldsOf(...IMPORT_COLUMNS))).toBeNull();
  });

  it.each<[string, string[]]>([
    ['a column missing', IMPORT_COLUMNS.slice(0, 7)],
    ['a column more', [...IMPORT_COLUMNS, 'priority']],
    ['two columns swapped', ['received_at', 'external_ref', ...IMPORT_COLUMNS.slice(2)]],
    ['another case', ['External_Ref', ...IMPORT_COLUMNS.slice(1)]],
    ['spaces', [' external_ref', ...IMPORT_COLUMNS.slice(1)]],
    ['one column holding them all', [IMPORT_COLUMNS.join(',')]],
  ])('refuses %s', (_, names) => {
    expect(checkHeader(fieldsOf(...names))).toEqual({
      row: 0,
      field: 'header',
      message: `must be exactly ${IMPORT_COLUMNS.join(',')}`,
    });
  });

  it('refuses a header with bytes that were not UTF-8 (read as U+FFFD)', () => {
    expect(checkHeader(['external\uFFFDref', ...IMPORT_COLUMNS.slice(1)])?.field).toBe('header');
  });

  it('says when there is no header at all', () => {
    expect(checkHeader(null)).toEqual({
      row: 0,
      field: 'header',
      message: `is missing (the file is empty): ${IMPORT_COLUMNS.join(',')}`,
    });
  });
});

describe('validateImportRow', () => {
  it('reads a valid row, every instant with its offset', () => {
    expect(validateImportRow(row(), 7, CONTEXT)).toEqual({
      row: {
        externalRef: 'CRM-2020-0001',
        receivedAt: new Date('2020-03-15T08:00:00.000Z'),
        channel: 'phone',
        categoryCode: 'pothole',
        subject: 'Dziura na ul. Grunwaldzkiej',
        description: 'Głęboka, przy przystanku',
        status: 'resolved',
        resolvedAt: new Date('2020-03-20T12:00:00.000Z'),
      },
    });
  });

  it('takes an empty description as none, and an open case without resolved_at', () => {
    expect(validateImportRow(row({ description: '', status: 'in_progress', resolved_at: '' }), 1, CONTEXT)).toEqual({
      row: expect.objectContaining({ description: null, status: 'in_progress', resolvedAt: null }),
    });
  });

  it.each(['new', 'assigned', 'in_progress', 'waiting'])('takes an open status %s', (status) => {
    expect(validateImportRow(row({ status, resolved_at: '' }), 1, CONTEXT)).toHaveProperty('row.status', status);
  });

  it('takes a closed case with its resolved_at', () => {
    const outcome = validateImportRow(row({ status: 'closed' }), 1, CONTEXT);
    expect(outcome).toHaveProperty('row.resolvedAt', new Date('2020-03-20T12:00:00Z'));
  });

  it('keeps text as written: quotes, commas, new lines, diacritics, a leading U+FEFF', () => {
    const subject = '"Hałas" w nocy,\nznowu';
    const description = '\uFEFFŻółć\r\n\ttab';
    expect(validateImportRow(row({ subject, description }), 1, CONTEXT)).toHaveProperty(
      'row',
      expect.objectContaining({ subject, description }),
    );
  });

  it('names the row in every error and lists every wrong field of the row', () => {
    const outcome = validateImportRow(
      row({ received_at: '2020-02-30T10:00:00Z', channel: 'fax', category_code: 'nowhere', status: 'done' }),
      12,
      CONTEXT,
    );
    expect(outcome).toEqual({
      errors: [
        { row: 12, field: 'received_at', message: 'is not a real date and time' },
        {
          row: 12,
          field: 'channel',
          message: 'must be one of phone, email, web, chat, in_person, letter, drop_box, mobile_app, social, open311',
        },
        { row: 12, field: 'category_code', message: 'is not a known category' },
        { row: 12, field: 'status', message: 'must be one of new, assigned, in_progress, waiting, resolved, closed' },
      ],
      externalRef: 'CRM-2020-0001',
    });
  });

  describe.each<[string, Partial<Record<(typeof IMPORT_COLUMNS)[number], string>>, string, string]>([
    // external_ref
    ['an empty external_ref', { external_ref: '' }, 'external_ref', 'is required'],
    [
      'an external_ref of 201 characters',
      { external_ref: 'x'.repeat(201) },
      'external_ref',
      'must be at most 200 characters',
    ],
    ['an external_ref with a tab', { external_ref: 'CRM\t1' }, 'external_ref', 'must be printable characters only'],
    [
      'an external_ref with a new line',
      { external_ref: 'CRM\n1' },
      'external_ref',
      'must be printable characters only',
    ],
    [
      'an external_ref with a zero-width space',
      { external_ref: 'CRM\u200B1' },
      'external_ref',
      'must be printable characters only',
    ],
    [
      'an external_ref with a line separator',
      { external_ref: 'CRM\u20281' },
      'external_ref',
      'must be printable characters only',
    ],
    [
      'an external_ref with a trailing space',
      { external_ref: 'CRM-1 ' },
      'external_ref',
      'must not start or end with a space',
    ],
    // received_at
    ['an empty received_at', { received_at: '' }, 'received_at', 'is required'],
    [
      'a naive received_at',
      { received_at: '2020-03-15T09:00:00' },
      'received_at',
      'needs an offset (Z or ±hh:mm): a time without one is ambiguous',
    ],
    [
      'a naive received_at with a space',
      { received_at: '2020-03-15 09:00' },
      'received_at',
      'needs an offset (Z or ±hh:mm): a time without one is ambiguous',
    ],
    [
      'a date alone',
      { received_at: '2020-03-15' },
      'received_at',
      'must be an ISO 8601 instant with an offset, e.g. 2026-06-01T09:30:00+02:00',
    ],
    [
      'an offset without a colon',
      { received_at: '2020-03-15T09:00:00+0100' },
      'received_at',
      'must be an ISO 8601 instant with an offset, e.g. 2026-06-01T09:30:00+02:00',
    ],
    [
      'a lower-case z',
      { received_at: '2020-03-15T09:00:00z' },
      'received_at',
      'must be an ISO 8601 instant with an offset, e.g. 2026-06-01T09:30:00+02:00',
    ],
    [
      'a Polish date',
      { received_at: '15.03.2020 09:00' },
      'received_at',
      'must be an ISO 8601 instant with an offset, e.g. 2026-06-01T09:30:00+02:00',
    ],
    ['30 February', { received_at: '2020-02-30T10:00:00Z' }, 'received_at', 'is not a real date and time'],
    [
      '29 February of a common year',
      { received_at: '2021-02-29T10:00:00Z' },
      'received_at',
      'is not a real date and time',
    ],
    ['month 13', { received_at: '2020-13-01T10:00:00Z' }, 'received_at', 'is not a real date and time'],
    ['hour 24', { received_at: '2020-03-15T24:00:00Z' }, 'received_at', 'is not a real date and time'],
    ['minute 60', { received_at: '2020-03-15T10:60:00Z' }, 'received_at', 'is not a real date and time'],
    ['a leap second', { received_at: '2016-12-31T23:59:60Z' }, 'received_at', 'is not a real date and time'],
    [
      'an offset of 24 hours',
      { received_at: '2020-03-15T10:00:00+24:00' },
      'received_at',
      'is not a real date and time',
    ],
    [
      '1999 in Warsaw',
      { received_at: '1999-12-31T22:59:59Z' },
      'received_at',
      'must not be before 2000 (Europe/Warsaw)',
    ],
    [
      'six minutes ahead',
      { received_at: '2026-06-15T10:06:00Z', status: 'new', resolved_at: '' },
      'received_at',
      'must not be more than 5 minutes in the future',
    ],
    // channel
    ['an empty channel', { channel: '' }, 'channel', 'is required'],
    [
      'a channel in capitals',
      { channel: 'PHONE' },
      'channel',
      'must be one of phone, email, web, chat, in_person, letter, drop_box, mobile_app, social, open311',
    ],
    // category_code
    ['an empty category_code', { category_code: '' }, 'category_code', 'is required'],
    ['an unknown category', { category_code: 'graffiti' }, 'category_code', 'is not a known category'],
    // subject
    ['an empty subject', { subject: '' }, 'subject', 'is required'],
    ['a blank subject', { subject: '   ' }, 'subject', 'must not be blank'],
    ['a subject of 201 characters', { subject: 's'.repeat(201) }, 'subject', 'must be at most 200 characters'],
    ['a subject with NUL', { subject: 'a\u0000b' }, 'subject', 'must not contain NUL characters'],
    // description
    [
      'a description of 10,001 characters',
      { description: 'd'.repeat(10_001) },
      'description',
      'must be at most 10000 characters',
    ],
    // status
    ['an empty status', { status: '' }, 'status', 'is required'],
    [
      'an unknown status',
      { status: 'done' },
      'status',
      'must be one of new, assigned, in_progress, waiting, resolved, closed',
    ],
    // resolved_at
    ['resolved without resolved_at', { resolved_at: '' }, 'resolved_at', 'is required when status is resolved'],
    [
      'closed without resolved_at',
      { status: 'closed', resolved_at: '' },
      'resolved_at',
      'is required when status is closed',
    ],
    [
      'resolved_at on an open case',
      { status: 'waiting' },
      'resolved_at',
      'must be empty unless status is resolved or closed',
    ],
    [
      'resolved before received',
      { resolved_at: '2020-03-15T07:59:59.999Z' },
      'resolved_at',
      'must not be before received_at',
    ],
    [
      'a naive resolved_at',
      { resolved_at: '2020-03-20T12:00:00' },
      'resolved_at',
      'needs an offset (Z or ±hh:mm): a time without one is ambiguous',
    ],
    [
      'resolved in the future',
      { resolved_at: '2026-06-15T10:05:01Z' },
      'resolved_at',
      'must not be more than 5 minutes in the future',
    ],
  ])('refuses %s', (_, changes, field, message) => {
    it(`in ${field}: ${message}`, () => {
      expect(errorsOf(validateImportRow(row(changes), 3, CONTEXT))).toEqual([{ field, message }]);
    });
  });

  it('takes U+FFFD for bytes that were not UTF-8 only where they were met, in every field that has one', () => {
    const changes = { subject: 'Dzi\uFFFDki', description: '\uFFFD' };
    expect(validateImportRow(row(changes), 3, CONTEXT)).toHaveProperty('row.subject', 'Dzi\uFFFDki');
    expect(errorsOf(validateImportRow(row(changes), 3, CONTEXT, true))).toEqual([
      { field: 'subject', message: 'is not valid UTF-8' },
      { field: 'description', message: 'is not valid UTF-8' },
    ]);
  });

  it.each([
    ['2020-03-15T09:00Z', '2020-03-15T09:00:00.000Z'],
    ['2020-03-15T09:00:00.5+01:00', '2020-03-15T08:00:00.500Z'],
    ['2020-03-15T09:00:00.123456789-02:30', '2020-03-15T11:30:00.123Z'],
    ['2020-02-29T23:59:59Z', '2020-02-29T23:59:59.000Z'],
    ['2000-01-01T00:00:00+01:00', '1999-12-31T23:00:00.000Z'],
    ['2026-06-15T10:05:00Z', '2026-06-15T10:05:00.000Z'],
  ])('reads %s as %s', (text, instant) => {
    expect(parseImportInstant(text, NOW)).toEqual(new Date(instant));
  });

  it('keeps the external_ref of a row with other errors, to find repeats with', () => {
    expect(validateImportRow(row({ channel: 'fax' }), 4, CONTEXT)).toHaveProperty('externalRef', 'CRM-2020-0001');
    expect(validateImportRow(row({ external_ref: '' }), 4, CONTEXT)).toHaveProperty('externalRef', null);
  });

  it.each([
    [7, 'has 7 columns, expected 8'],
    [9, 'has 9 columns, expected 8'],
    [1, 'has 1 column, expected 8'],
  ])('refuses a row of %i columns as a whole', (count, message) => {
    const fields = [...row(), ...row()].slice(0, count);
    expect(validateImportRow(fields, 5, CONTEXT)).toEqual({
      errors: [{ row: 5, field: 'row', message }],
      externalRef: 'CRM-2020-0001',
    });
  });
});

describe('repeatedRefError', () => {
  it('names the earlier row', () => {
    expect(repeatedRefError(9, 2)).toEqual({ row: 9, field: 'external_ref', message: 'repeats row 2' });
  });
});
