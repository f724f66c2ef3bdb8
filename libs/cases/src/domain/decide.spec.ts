import { DomainError, DomainErrorKind } from '@app/core';
import { CaseState } from './case';
import { CaseStatus } from './case-status';
import {
  decideIntake,
  decideNote,
  decideRoute,
  decideTrackingCodeReissue,
  decideTransition,
  decideUpdate,
  IntakeCommand,
  IntakeContext,
  normalizeLocation,
  normalizeResident,
  RECEIVED_AT_FUTURE_TOLERANCE_MS,
  resolveReceivedAt,
  UpdateCommand,
} from './decide';

const NOW = new Date('2026-03-10T09:00:00.000Z');
const LATER = new Date('2026-03-11T12:30:00.000Z');

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/** An assigned case in version 3; frozen, so any mutation by a decide function throws. */
function aCase(overrides: Partial<CaseState> = {}): CaseState {
  return deepFreeze({
    id: '7d1f2b9e-5c1a-4f7e-9a51-0c2a6f0e3b11',
    number: '2026-000017-9',
    year: 2026,
    sequence: 17,
    status: 'assigned',
    channel: 'phone',
    categoryCode: 'ROAD_POTHOLE',
    unitCode: 'ROADS',
    assigneeId: 'a6f1c3de-0000-4000-8000-000000000001',
    assignee: 'anna.nowak',
    priority: 'normal',
    subject: 'Pothole on Grunwaldzka',
    description: 'A deep pothole in the right lane',
    resident: { name: 'Jan Kowalski', phone: '+48 601 234 567', email: 'jan@example.pl' },
    location: { address: 'al. Grunwaldzka 100', district: 'Wrzeszcz', lat: 54.38, lon: 18.6 },
    resolution: null,
    receivedAt: new Date('2026-03-01T08:00:00.000Z'),
    createdAt: new Date('2026-03-01T08:00:05.000Z'),
    updatedAt: new Date('2026-03-02T10:00:00.000Z'),
    dueDate: '2026-03-15',
    dueAt: new Date('2026-03-15T23:00:00.000Z'),
    resolvedAt: null,
    closedAt: null,
    version: 3,
    ...overrides,
  });
}

function expectDomainError(action: () => unknown, code: string, kind: DomainErrorKind, field?: string): void {
  expect(action).toThrow(DomainError);
  expect(action).toThrow(expect.objectContaining({ code, kind }));
  if (field)
    expect(action).toThrow(expect.objectContaining({ details: { errors: [expect.objectContaining({ field })] } }));
}

describe('resolveReceivedAt', () => {
  it('defaults to now', () => {
    expect(resolveReceivedAt(undefined, NOW)).toBe(NOW);
  });

  it.each([
    ['in the past', '2026-03-01T08:00:00.000Z'],
    ['equal to now', NOW.toISOString()],
    ['a little in the future', '2026-03-10T09:04:59.999Z'],
    ['exactly 5 minutes in the future', '2026-03-10T09:05:00.000Z'],
    ['at the first instant of 2000 in Warsaw (still 1999 in UTC)', '1999-12-31T23:00:00.000Z'],
  ])('accepts a receivedAt %s', (_label, iso) => {
    const receivedAt = new Date(iso);
    expect(resolveReceivedAt(receivedAt, NOW)).toBe(receivedAt);
  });

  it('allows exactly RECEIVED_AT_FUTURE_TOLERANCE_MS, which is 5 minutes', () => {
    expect(RECEIVED_AT_FUTURE_TOLERANCE_MS).toBe(300_000);
  });

  it.each([
    ['5 minutes and 1 ms in the future', '2026-03-10T09:05:00.001Z'],
    ['a day in the future', '2026-03-11T09:00:00.000Z'],
  ])('rejects a receivedAt %s with received_at_in_future', (_label, iso) => {
    expectDomainError(() => resolveReceivedAt(new Date(iso), NOW), 'received_at_in_future', 'invalid', 'receivedAt');
  });

  it.each([
    ['the last instant of 1999 in Warsaw', '1999-12-31T22:59:59.999Z'],
    ['1970', '1970-01-01T00:00:00.000Z'],
  ])('rejects a receivedAt in %s with received_at_too_old', (_label, iso) => {
    expectDomainError(() => resolveReceivedAt(new Date(iso), NOW), 'received_at_too_old', 'invalid', 'receivedAt');
  });
});

describe('decideIntake', () => {
  const command: IntakeCommand = {
    channel: 'phone',
    categoryCode: 'ROAD_POTHOLE',
    subject: 'Pothole on Grunwaldzka',
    description: 'A deep pothole in the right lane',
    resident: { name: 'Jan Kowalski', phone: '+48 601 234 567', email: 'jan@example.pl' },
    location: { address: 'al. Grunwaldzka 100', district: 'Wrzeszcz', lat: 54.38, lon: 18.6 },
  };
  const context: IntakeContext = {
    id: '0b5e8f8e-1111-4222-8333-444455556666',
    now: NOW,
    receivedAt: new Date('2026-03-10T08:55:00.000Z'),
    sequence: 17,
    category: { code: 'ROAD_POTHOLE', unitCode: 'ROADS' },
  };

  it('builds the complete new case', () => {
    expect(decideIntake(command, context).state).toEqual({
      id: '0b5e8f8e-1111-4222-8333-444455556666',
      number: '2026-000017-9',
      year: 2026,
      sequence: 17,
      status: 'assigned',
      channel: 'phone',
      categoryCode: 'ROAD_POTHOLE',
      unitCode: 'ROADS',
      assigneeId: null,
      assignee: null,
      priority: 'normal',
      subject: 'Pothole on Grunwaldzka',
      description: 'A deep pothole in the right lane',
      resident: { name: 'Jan Kowalski', phone: '+48 601 234 567', email: 'jan@example.pl' },
      location: { address: 'al. Grunwaldzka 100', district: 'Wrzeszcz', lat: 54.38, lon: 18.6 },
      resolution: null,
      receivedAt: new Date('2026-03-10T08:55:00.000Z'),
      createdAt: NOW,
      updatedAt: NOW,
      dueDate: null,
      dueAt: null,
      resolvedAt: null,
      closedAt: null,
      version: 1,
    });
  });

  it.each([
    ['assigned', 'ROADS'],
    ['new', null],
  ])('is %s when the category unit is %p', (status, unitCode) => {
    const { state } = decideIntake(command, { ...context, category: { code: 'ROAD_POTHOLE', unitCode } });
    expect(state.status).toBe(status);
    expect(state.unitCode).toBe(unitCode);
  });

  it("takes the category code from the resolved category, not the command's text", () => {
    const { state } = decideIntake(command, { ...context, category: { code: 'ROAD_OTHER', unitCode: 'ROADS' } });
    expect(state.categoryCode).toBe('ROAD_OTHER');
  });

  it.each([
    [
      'late on New Year’s Eve in UTC is already the next year in Warsaw (UTC+1)',
      '2025-12-31T23:30:00.000Z',
      2026,
      '2026-000017-9',
    ],
    ['the last instant of a year in Warsaw', '2025-12-31T22:59:59.999Z', 2025, '2025-000017-6'],
    ['mid-year', '2025-07-01T12:00:00.000Z', 2025, '2025-000017-6'],
  ])('numbers by the Europe/Warsaw year: %s', (_label, iso, year, number) => {
    const { state } = decideIntake(command, { ...context, receivedAt: new Date(iso) });
    expect(state.year).toBe(year);
    expect(state.number).toBe(number);
  });

  it.each([
    [undefined, 'normal'],
    ['urgent', 'urgent'],
    ['low', 'low'],
  ] as const)('sets priority %p as %s', (priority, expected) => {
    expect(decideIntake({ ...command, priority }, context).state.priority).toBe(expected);
  });

  it.each([undefined, null, '', '   '])('stores a %p description as null', (description) => {
    expect(decideIntake({ ...command, description }, context).state.description).toBeNull();
  });

  it.each([
    ['absent', undefined, null],
    ['null', null, null],
    ['empty', {}, null],
    ['all blank', { name: '  ', phone: '', email: null }, null],
    ['trimmed', { name: ' Jan Kowalski ', phone: ' ' }, { name: 'Jan Kowalski', phone: null, email: null }],
    ['email only', { email: 'jan@example.pl' }, { name: null, phone: null, email: 'jan@example.pl' }],
  ])('normalises a resident that is %s', (_label, resident, expected) => {
    expect(decideIntake({ ...command, resident }, context).state.resident).toEqual(expected);
    expect(normalizeResident(resident)).toEqual(expected);
  });

  it.each([
    ['absent', undefined, null],
    ['null', null, null],
    ['empty', {}, null],
    ['all blank', { address: ' ', district: '', lat: null, lon: null }, null],
    ['trimmed', { address: ' Długa 1 ', district: '\t' }, { address: 'Długa 1', district: null, lat: null, lon: null }],
    ['at coordinates 0, 0', { lat: 0, lon: 0 }, { address: null, district: null, lat: 0, lon: 0 }],
  ])('normalises a location that is %s', (_label, location, expected) => {
    expect(decideIntake({ ...command, location }, context).state.location).toEqual(expected);
    expect(normalizeLocation(location)).toEqual(expected);
  });

  it('emits exactly one case_created event without personal data', () => {
    const { events } = decideIntake({ ...command, priority: 'high' }, context);
    expect(events).toStrictEqual([
      {
        type: 'case_created',
        data: {
          number: '2026-000017-9',
          channel: 'phone',
          categoryCode: 'ROAD_POTHOLE',
          unitCode: 'ROADS',
          status: 'assigned',
          priority: 'high',
        },
      },
    ]);
    const serialized = JSON.stringify(events);
    for (const personal of ['Jan Kowalski', '601', 'jan@example.pl', 'deep pothole', 'Grunwaldzka']) {
      expect(serialized).not.toContain(personal);
    }
  });

  it('records a null unit and status new in the event of an unrouted case', () => {
    const { events } = decideIntake(command, { ...context, category: { code: 'OTHER', unitCode: null } });
    expect(events[0].data).toMatchObject({ unitCode: null, status: 'new', categoryCode: 'OTHER' });
  });
});

describe('decideUpdate', () => {
  it('returns the very same state and no events for an empty command', () => {
    const state = aCase();
    const decision = decideUpdate(state, {}, LATER);
    expect(decision.state).toBe(state);
    expect(decision.events).toEqual([]);
  });

  it('returns the very same state and no events when every value is already as given', () => {
    const state = aCase();
    const decision = decideUpdate(
      state,
      {
        subject: 'Pothole on Grunwaldzka',
        description: 'A deep pothole in the right lane',
        priority: 'normal',
        categoryCode: 'ROAD_POTHOLE',
        resident: { name: ' Jan Kowalski ', phone: '+48 601 234 567', email: 'jan@example.pl' },
        location: { address: 'al. Grunwaldzka 100', district: 'Wrzeszcz', lat: 54.38, lon: 18.6 },
      },
      LATER,
    );
    expect(decision.state).toBe(state);
    expect(decision.state.version).toBe(3);
    expect(decision.events).toEqual([]);
  });

  it('treats clearing an already empty resident as no change', () => {
    const state = aCase({ resident: null });
    expect(decideUpdate(state, { resident: { name: ' ' } }, LATER)).toEqual({ state, events: [] });
  });

  it.each<[string, UpdateCommand, Partial<CaseState>, Record<string, unknown>]>([
    ['subject', { subject: 'Two potholes' }, { subject: 'Two potholes' }, { fields: ['subject'] }],
    ['description', { description: 'Now two' }, { description: 'Now two' }, { fields: ['description'] }],
    ['description (cleared)', { description: null }, { description: null }, { fields: ['description'] }],
    [
      'priority',
      { priority: 'urgent' },
      { priority: 'urgent' },
      { fields: ['priority'], priority: { from: 'normal', to: 'urgent' } },
    ],
    [
      'categoryCode',
      { categoryCode: 'ROAD_OTHER' },
      { categoryCode: 'ROAD_OTHER' },
      { fields: ['categoryCode'], categoryCode: { from: 'ROAD_POTHOLE', to: 'ROAD_OTHER' } },
    ],
    [
      'resident (fields left out keep their values)',
      { resident: { name: 'Ewa Nowak', phone: ' 58 123 45 67 ' } },
      { resident: { name: 'Ewa Nowak', phone: '58 123 45 67', email: 'jan@example.pl' } },
      { fields: ['resident'] },
    ],
    [
      'resident (one field cleared)',
      { resident: { email: null } },
      { resident: { name: 'Jan Kowalski', phone: '+48 601 234 567', email: null } },
      { fields: ['resident'] },
    ],
    ['resident (removed)', { resident: null }, { resident: null }, { fields: ['resident'] }],
    [
      'location (fields left out keep their values)',
      { location: { address: 'Długa 1' } },
      { location: { address: 'Długa 1', district: 'Wrzeszcz', lat: 54.38, lon: 18.6 } },
      { fields: ['location'] },
    ],
  ])('records a change of %s', (_label, command, changes, data) => {
    const state = aCase();
    const decision = decideUpdate(state, command, LATER);
    expect(decision.state).toEqual({ ...state, ...changes, updatedAt: LATER, version: 4 });
    expect(decision.events).toStrictEqual([{ type: 'case_updated', data }]);
  });

  it('lists every changed field, in a fixed order, and shows values only for priority and category', () => {
    const decision = decideUpdate(
      aCase(),
      {
        location: null,
        resident: { email: 'ewa@example.pl' },
        categoryCode: 'ROAD_OTHER',
        priority: 'high',
        description: 'Secret: resident lives at Długa 5',
        subject: 'Changed subject',
      },
      LATER,
    );
    expect(decision.state.version).toBe(4);
    expect(decision.events).toStrictEqual([
      {
        type: 'case_updated',
        data: {
          fields: ['subject', 'description', 'priority', 'categoryCode', 'resident', 'location'],
          priority: { from: 'normal', to: 'high' },
          categoryCode: { from: 'ROAD_POTHOLE', to: 'ROAD_OTHER' },
        },
      },
    ]);
  });

  it('never puts resident values, the description or the subject in the event', () => {
    const { events } = decideUpdate(
      aCase(),
      { subject: 'Leak', description: 'Water everywhere', resident: { name: 'Ewa Nowak', phone: '+48 500 600 700' } },
      LATER,
    );
    const serialized = JSON.stringify(events);
    for (const personal of ['Leak', 'Water everywhere', 'Ewa Nowak', '500 600 700', 'Jan Kowalski', 'Pothole']) {
      expect(serialized).not.toContain(personal);
    }
  });

  it('leaves fields the command does not name untouched', () => {
    const state = aCase();
    const { state: next } = decideUpdate(state, { priority: 'low' }, LATER);
    expect(next).toEqual({ ...state, priority: 'low', updatedAt: LATER, version: 4 });
    expect(next).not.toBe(state);
  });
});

describe('decideTransition', () => {
  it('rejects a transition the table does not allow before looking at the resolution', () => {
    expectDomainError(
      () => decideTransition(aCase({ status: 'new' }), { to: 'resolved', resolution: 'Fixed' }, LATER),
      'invalid_transition',
      'conflict',
    );
  });

  it('refuses to mark a case without a unit assigned (routing gives it one)', () => {
    expectDomainError(
      () => decideTransition(aCase({ status: 'new', unitCode: null }), { to: 'assigned' }, LATER),
      'unit_required',
      'conflict',
    );
  });

  it.each([undefined, ''])('requires a resolution when resolving (resolution %p)', (resolution) => {
    expectDomainError(
      () => decideTransition(aCase(), { to: 'resolved', resolution }, LATER),
      'resolution_required',
      'invalid',
      'resolution',
    );
  });

  it.each([
    ['assigned', 'in_progress', 'Fixed'],
    ['assigned', 'closed', 'Fixed'],
    ['resolved', 'in_progress', ''],
  ] as const)('rejects a resolution for %s → %s (resolution %p)', (status, to, resolution) => {
    expectDomainError(
      () => decideTransition(aCase({ status }), { to, resolution }, LATER),
      'resolution_not_allowed',
      'invalid',
      'resolution',
    );
  });

  it('resolves: sets status, resolution and resolvedAt, bumps the version', () => {
    const state = aCase({ status: 'in_progress' });
    const decision = decideTransition(state, { to: 'resolved', resolution: 'Pothole filled', note: 'crew 4' }, LATER);
    expect(decision.state).toEqual({
      ...state,
      status: 'resolved',
      resolution: 'Pothole filled',
      resolvedAt: LATER,
      updatedAt: LATER,
      version: 4,
    });
    expect(decision.events).toStrictEqual([
      {
        type: 'status_changed',
        data: { from: 'in_progress', to: 'resolved', note: 'crew 4', resolution: 'Pothole filled' },
      },
    ]);
  });

  it('closes a resolved case: sets closedAt and keeps the resolution', () => {
    const resolvedAt = new Date('2026-03-05T10:00:00.000Z');
    const state = aCase({ status: 'resolved', resolution: 'Pothole filled', resolvedAt });
    const decision = decideTransition(state, { to: 'closed' }, LATER);
    expect(decision.state).toEqual({ ...state, status: 'closed', closedAt: LATER, updatedAt: LATER, version: 4 });
    expect(decision.events).toStrictEqual([{ type: 'status_changed', data: { from: 'resolved', to: 'closed' } }]);
  });

  it('closes a new case', () => {
    const state = aCase({ status: 'new', unitCode: null });
    const decision = decideTransition(state, { to: 'closed', note: 'duplicate of 2026-000001-5' }, LATER);
    expect(decision.state).toEqual({ ...state, status: 'closed', closedAt: LATER, updatedAt: LATER, version: 4 });
    expect(decision.events).toStrictEqual([
      { type: 'status_changed', data: { from: 'new', to: 'closed', note: 'duplicate of 2026-000001-5' } },
    ]);
  });

  it('reopens a resolved case: clears the resolution and resolvedAt', () => {
    const state = aCase({
      status: 'resolved',
      resolution: 'Pothole filled',
      resolvedAt: new Date('2026-03-05T10:00:00Z'),
    });
    const decision = decideTransition(state, { to: 'in_progress', note: 'It is back' }, LATER);
    expect(decision.state).toEqual({
      ...state,
      status: 'in_progress',
      resolution: null,
      resolvedAt: null,
      updatedAt: LATER,
      version: 4,
    });
    expect(decision.events).toStrictEqual([
      { type: 'status_changed', data: { from: 'resolved', to: 'in_progress', note: 'It is back' } },
    ]);
  });

  it.each<[CaseStatus, CaseStatus]>([
    ['new', 'assigned'],
    ['assigned', 'in_progress'],
    ['assigned', 'waiting'],
    ['in_progress', 'waiting'],
    ['waiting', 'in_progress'],
  ])('moves %s → %s changing only status, updatedAt and version', (from, to) => {
    const state = aCase({ status: from });
    const decision = decideTransition(state, { to }, LATER);
    expect(decision.state).toEqual({ ...state, status: to, updatedAt: LATER, version: 4 });
    expect(decision.events).toStrictEqual([{ type: 'status_changed', data: { from, to } }]);
  });
});

describe('decideRoute', () => {
  const command = { unitCode: 'PARKS', reason: 'Tree in the road' };

  it.each<CaseStatus>(['resolved', 'closed'])('refuses to route a %s case', (status) => {
    expectDomainError(() => decideRoute(aCase({ status }), command, LATER), 'case_not_routable', 'conflict');
  });

  it.each<CaseStatus>(['assigned', 'in_progress', 'waiting'])(
    'refuses to route a %s case to the unit it is already with',
    (status) => {
      expectDomainError(
        () => decideRoute(aCase({ status, unitCode: 'PARKS' }), command, LATER),
        'already_in_unit',
        'conflict',
      );
    },
  );

  it('re-routes an assigned case: new unit, assignee cleared, only a routed event', () => {
    const state = aCase({ status: 'assigned', unitCode: 'ROADS' });
    const decision = decideRoute(state, command, LATER);
    expect(decision.state).toEqual({
      ...state,
      unitCode: 'PARKS',
      status: 'assigned',
      assigneeId: null,
      assignee: null,
      updatedAt: LATER,
      version: 4,
    });
    expect(decision.events).toStrictEqual([
      { type: 'routed', data: { from: 'ROADS', to: 'PARKS', reason: 'Tree in the road', rule: null } },
    ]);
  });

  it.each<[CaseStatus, string | null, string]>([
    ['new', null, 'PARKS'],
    ['in_progress', 'ROADS', 'PARKS'],
    ['waiting', 'ROADS', 'PARKS'],
  ])('routes a %s case from %p to %s and records the status change to assigned', (status, from, to) => {
    const state = aCase({ status, unitCode: from });
    const decision = decideRoute(state, { unitCode: to, reason: 'Tree in the road' }, LATER);
    expect(decision.state).toEqual({
      ...state,
      unitCode: to,
      status: 'assigned',
      assigneeId: null,
      assignee: null,
      updatedAt: LATER,
      version: 4,
    });
    expect(decision.events).toStrictEqual([
      { type: 'routed', data: { from, to, reason: 'Tree in the road', rule: null } },
      { type: 'status_changed', data: { from: status, to: 'assigned' } },
    ]);
  });
});

describe('decideNote', () => {
  it.each(['internal', 'public'] as const)('records a %s note as one note_added event with its text', (visibility) => {
    expect(decideNote({ body: 'Called the resident back', visibility })).toStrictEqual({
      type: 'note_added',
      data: { body: 'Called the resident back', visibility },
    });
  });
});

describe('decideTrackingCodeReissue', () => {
  it('records that a new code was issued, without the code', () => {
    expect(decideTrackingCodeReissue()).toStrictEqual({ type: 'tracking_code_reissued', data: {} });
  });
});
