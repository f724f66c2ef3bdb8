import { DomainError, DomainErrorKind } from '@app/core';
import { compileRules, RoutingRule } from '@app/routing';
import { aCase } from './a-case.fixture';
import { CaseState, Decision } from './case';
import { CaseStatus } from './case-status';
import {
  CategoryFacts,
  decideAssign,
  decideIntake,
  decideNote,
  decideRoute,
  decideTrackingCodeReissue,
  decideTransition,
  decideUpdate,
  EditContext,
  IntakeCommand,
  IntakeContext,
  routeIntake,
  normalizeLocation,
  normalizeResident,
  RECEIVED_AT_FUTURE_TOLERANCE_MS,
  resolveReceivedAt,
  RoutingContext,
  UpdateCommand,
} from './decide';

// Due dates below were checked against a printed calendar and the statutory list of Polish public holidays. Every
// dueAt is the end of its Europe/Warsaw day: 22:59:59.999Z in winter (CET), 21:59:59.999Z from 29 March 2026 (CEST).

const NOW = new Date('2026-03-10T09:00:00.000Z');
const LATER = new Date('2026-03-11T12:30:00.000Z');

/** The category of the case in aCase(): ROADS's, 14 calendar days (received Sunday 1 March → Monday 16 March). */
const POTHOLE: CategoryFacts = { code: 'ROAD_POTHOLE', unitCode: 'ROADS', sla: { kind: 'calendar_days', amount: 14 } };
/** The same unit and SLA as POTHOLE. */
const ROAD_OTHER: CategoryFacts = { code: 'ROAD_OTHER', unitCode: 'ROADS', sla: { kind: 'calendar_days', amount: 14 } };
/** Another unit and another SLA: 10 working days from Sunday 1 March 2026 → Friday 13 March. */
const TREE: CategoryFacts = { code: 'TREE_FALLEN', unitCode: 'PARKS', sla: { kind: 'working_days', amount: 10 } };
/** No unit of its own: only a rule or a person routes such a case. 1 month from 1 March 2026 → Wednesday 1 April. */
const OTHER: CategoryFacts = { code: 'OTHER', unitCode: null, sla: { kind: 'months', amount: 1 } };

const WRZESZCZ_POTHOLES: RoutingRule = {
  name: 'wrzeszcz-potholes',
  when: { categoryCodes: ['ROAD_POTHOLE'], districts: ['Wrzeszcz'] },
  then: { unitCode: 'ROADS_NORTH', priority: 'high' },
};
const PHONE_DESK: RoutingRule = { name: 'phone-desk', when: { channels: ['phone'] }, then: { unitCode: 'PHONE_DESK' } };
const SINKHOLES: RoutingRule = {
  name: 'sinkholes',
  when: { keywordsAny: ['zapadlisko'] },
  then: { unitCode: 'ROADS_EMERGENCY', priority: 'urgent' },
};
const FALLEN_TREES_WRZESZCZ: RoutingRule = {
  name: 'fallen-trees-wrzeszcz',
  when: { categoryCodes: ['TREE_FALLEN'], districts: ['Wrzeszcz'] },
  then: { unitCode: 'PARKS_NORTH', priority: 'urgent' },
};

function routingContext(category: CategoryFacts = POTHOLE, rules: RoutingRule[] = []): RoutingContext {
  return { category, rules: compileRules(rules) };
}

/** The context of an edit of an aCase() (category ROAD_POTHOLE) into `category`. */
function editContext(category: CategoryFacts = POTHOLE, rules: RoutingRule[] = []): EditContext {
  return { category, previousSla: POTHOLE.sla, rules: compileRules(rules) };
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

type RoutedIntakeContext = Omit<IntakeContext, 'route'> & RoutingContext;

/** decideIntake as the intake use case calls it: routed first, by the context's rules. */
function decideRoutedIntake(command: IntakeCommand, context: RoutedIntakeContext): Decision {
  return decideIntake(command, { ...context, route: routeIntake(command, context) });
}

describe('decideIntake', () => {
  const command: IntakeCommand = {
    channel: 'phone',
    categoryCode: 'ROAD_POTHOLE',
    subject: 'Pothole on Grunwaldzka',
    description: 'A deep pothole in the right lane',
    resident: { name: 'Jan Kowalski', phone: '+48 601 234 567', email: 'jan@example.pl' },
    location: { address: 'al. Grunwaldzka 100', district: 'Wrzeszcz', lat: 54.38, lon: 18.6 },
  };
  const context: RoutedIntakeContext = {
    id: '0b5e8f8e-1111-4222-8333-444455556666',
    now: NOW,
    receivedAt: new Date('2026-03-10T08:55:00.000Z'),
    sequence: 17,
    category: POTHOLE,
    rules: [],
    assignee: null,
  };

  it('builds the complete new case', () => {
    expect(decideRoutedIntake(command, context).state).toEqual({
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
      attributes: null,
      mediaUrl: null,
      receivedAt: new Date('2026-03-10T08:55:00.000Z'),
      createdAt: NOW,
      updatedAt: NOW,
      dueDate: '2026-03-24',
      dueAt: new Date('2026-03-24T22:59:59.999Z'),
      waitingSince: null,
      resolvedAt: null,
      closedAt: null,
      slaWarnedFor: null,
      slaBreachedFor: null,
      version: 1,
    });
  });

  it.each([
    ['assigned', 'ROADS'],
    ['new', null],
  ])('is %s when the category unit is %p', (status, unitCode) => {
    const { state } = decideRoutedIntake(command, { ...context, category: { ...POTHOLE, unitCode } });
    expect(state.status).toBe(status);
    expect(state.unitCode).toBe(unitCode);
  });

  it("takes the category code from the resolved category, not the command's text", () => {
    const { state } = decideRoutedIntake(command, { ...context, category: ROAD_OTHER });
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
    const { state } = decideRoutedIntake(command, { ...context, receivedAt: new Date(iso) });
    expect(state.year).toBe(year);
    expect(state.number).toBe(number);
  });

  it.each([
    [undefined, 'normal'],
    ['urgent', 'urgent'],
    ['low', 'low'],
  ] as const)('sets priority %p as %s', (priority, expected) => {
    expect(decideRoutedIntake({ ...command, priority }, context).state.priority).toBe(expected);
  });

  it.each([undefined, null, '', '   '])('stores a %p description as null', (description) => {
    expect(decideRoutedIntake({ ...command, description }, context).state.description).toBeNull();
  });

  it.each([
    ['absent', undefined, null],
    ['null', null, null],
    ['empty', {}, null],
    ['all blank', { name: '  ', phone: '', email: null }, null],
    ['trimmed', { name: ' Jan Kowalski ', phone: ' ' }, { name: 'Jan Kowalski', phone: null, email: null }],
    ['email only', { email: 'jan@example.pl' }, { name: null, phone: null, email: 'jan@example.pl' }],
  ])('normalises a resident that is %s', (_label, resident, expected) => {
    expect(decideRoutedIntake({ ...command, resident }, context).state.resident).toEqual(expected);
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
    expect(decideRoutedIntake({ ...command, location }, context).state.location).toEqual(expected);
    expect(normalizeLocation(location)).toEqual(expected);
  });

  it('emits exactly case_created and routed events, without personal data', () => {
    const { events } = decideRoutedIntake({ ...command, priority: 'high' }, context);
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
          dueDate: '2026-03-24',
        },
      },
      { type: 'routed', data: { from: null, to: 'ROADS', by: 'category', assignee: null } },
    ]);
    const serialized = JSON.stringify(events);
    for (const personal of ['Jan Kowalski', '601', 'jan@example.pl', 'deep pothole', 'Grunwaldzka']) {
      expect(serialized).not.toContain(personal);
    }
  });

  it('records a null unit and status new in the event of an unrouted case', () => {
    const { events } = decideRoutedIntake(command, { ...context, category: OTHER });
    expect(events[0].data).toMatchObject({ unitCode: null, status: 'new', categoryCode: 'OTHER' });
  });

  it('gives the case to the member reserved in its unit, and names them in the routed event', () => {
    const assignee = { id: 'c0000000-0000-4000-8000-000000000003', username: 'celina' };
    const decision = decideRoutedIntake(command, { ...context, assignee });
    expect(decision.state).toMatchObject({
      status: 'assigned',
      unitCode: 'ROADS',
      assigneeId: assignee.id,
      assignee: 'celina',
    });
    expect(decision.events[1]).toStrictEqual({
      type: 'routed',
      data: { from: null, to: 'ROADS', by: 'category', assignee: 'celina' },
    });
  });

  describe('routing', () => {
    it('a matching rule sends the case to its unit with its priority', () => {
      const decision = decideRoutedIntake(command, { ...context, rules: compileRules([WRZESZCZ_POTHOLES]) });
      expect(decision.state).toMatchObject({ status: 'assigned', unitCode: 'ROADS_NORTH', priority: 'high' });
      expect(decision).not.toHaveProperty('assignInUnit');
      expect(decision.events).toStrictEqual([
        {
          type: 'case_created',
          data: {
            number: '2026-000017-9',
            channel: 'phone',
            categoryCode: 'ROAD_POTHOLE',
            unitCode: 'ROADS_NORTH',
            status: 'assigned',
            priority: 'high',
            dueDate: '2026-03-24',
          },
        },
        {
          type: 'routed',
          data: { from: null, to: 'ROADS_NORTH', by: 'rule', rule: 'wrzeszcz-potholes', assignee: null },
        },
      ]);
    });

    it('the first of several matching rules decides; a rule without a priority leaves it normal', () => {
      const decision = decideRoutedIntake(command, {
        ...context,
        rules: compileRules([PHONE_DESK, WRZESZCZ_POTHOLES]),
      });
      expect(decision.state).toMatchObject({ status: 'assigned', unitCode: 'PHONE_DESK', priority: 'normal' });
      expect(decision.events[1]).toStrictEqual({
        type: 'routed',
        data: { from: null, to: 'PHONE_DESK', by: 'rule', rule: 'phone-desk', assignee: null },
      });
    });

    it("the agent's explicit priority wins over the rule's, while the rule still chooses the unit", () => {
      const decision = decideRoutedIntake(
        { ...command, priority: 'low' },
        { ...context, rules: compileRules([WRZESZCZ_POTHOLES]) },
      );
      expect(decision.state).toMatchObject({ unitCode: 'ROADS_NORTH', priority: 'low' });
      expect(decision.events).toStrictEqual([
        {
          type: 'case_created',
          data: {
            number: '2026-000017-9',
            channel: 'phone',
            categoryCode: 'ROAD_POTHOLE',
            unitCode: 'ROADS_NORTH',
            status: 'assigned',
            priority: 'low',
            dueDate: '2026-03-24',
          },
        },
        {
          type: 'routed',
          data: { from: null, to: 'ROADS_NORTH', by: 'rule', rule: 'wrzeszcz-potholes', assignee: null },
        },
      ]);
    });

    it('no rule matches (another district) → the category unit, routed by category', () => {
      const decision = decideRoutedIntake(
        { ...command, location: { address: 'ul. Pomorska 10', district: 'Oliwa' } },
        { ...context, rules: compileRules([WRZESZCZ_POTHOLES]) },
      );
      expect(decision.state).toMatchObject({ status: 'assigned', unitCode: 'ROADS', priority: 'normal' });
      expect(decision).not.toHaveProperty('assignInUnit');
      expect(decision.events).toStrictEqual([
        {
          type: 'case_created',
          data: {
            number: '2026-000017-9',
            channel: 'phone',
            categoryCode: 'ROAD_POTHOLE',
            unitCode: 'ROADS',
            status: 'assigned',
            priority: 'normal',
            dueDate: '2026-03-24',
          },
        },
        { type: 'routed', data: { from: null, to: 'ROADS', by: 'category', assignee: null } },
      ]);
    });

    it('rules match the resolved category code, not the text of the command', () => {
      const decision = decideRoutedIntake(
        { ...command, categoryCode: 'road_pothole' },
        { ...context, rules: compileRules([WRZESZCZ_POTHOLES]) },
      );
      expect(decision.state.unitCode).toBe('ROADS_NORTH');
    });

    it('neither a rule nor a category without a unit → status new, no routed event, nobody to assign', () => {
      const decision = decideRoutedIntake(command, {
        ...context,
        category: OTHER,
        rules: compileRules([WRZESZCZ_POTHOLES]),
      });
      expect(decision.state).toMatchObject({ status: 'new', unitCode: null, priority: 'normal' });
      expect(decision).not.toHaveProperty('assignInUnit');
      expect(decision.events).toStrictEqual([
        {
          type: 'case_created',
          data: {
            number: '2026-000017-9',
            channel: 'phone',
            categoryCode: 'OTHER',
            unitCode: null,
            status: 'new',
            priority: 'normal',
            // 1 month from 10 March → Friday 10 April 2026.
            dueDate: '2026-04-10',
          },
        },
      ]);
    });

    it('a rule on a keyword routes a case whose category has no unit', () => {
      const decision = decideRoutedIntake(
        { ...command, subject: 'Zapadlisko na Grunwaldzkiej' },
        { ...context, category: OTHER, rules: compileRules([WRZESZCZ_POTHOLES, SINKHOLES]) },
      );
      expect(decision.state).toMatchObject({ status: 'assigned', unitCode: 'ROADS_EMERGENCY', priority: 'urgent' });
      expect(decision).not.toHaveProperty('assignInUnit');
      expect(decision.events[1]).toStrictEqual({
        type: 'routed',
        data: { from: null, to: 'ROADS_EMERGENCY', by: 'rule', rule: 'sinkholes', assignee: null },
      });
    });
  });

  describe('due date', () => {
    it.each<[string, string, CategoryFacts['sla'], string, string]>([
      [
        'working_days 7 from Monday 2025-12-22 skips 24, 25, 26 Dec (holidays), two weekends, New Year and Epiphany → Wednesday 7 January',
        '2025-12-22T10:00:00+01:00',
        { kind: 'working_days', amount: 7 },
        '2026-01-07',
        '2026-01-07T22:59:59.999Z',
      ],
      [
        'calendar_days 14 from Tuesday 2026-03-10 → Tuesday 24 March',
        '2026-03-10T08:55:00.000Z',
        { kind: 'calendar_days', amount: 14 },
        '2026-03-24',
        '2026-03-24T22:59:59.999Z',
      ],
      [
        'calendar_days 5 from Wednesday 2026-04-01 lands on Easter Monday → Tuesday 7 April, in summer time',
        '2026-04-01T10:00:00+02:00',
        { kind: 'calendar_days', amount: 5 },
        '2026-04-07',
        '2026-04-07T21:59:59.999Z',
      ],
      [
        'months 1 from Saturday 2026-01-31 → 28 February, a Saturday → Monday 2 March',
        '2026-01-31T10:00:00+01:00',
        { kind: 'months', amount: 1 },
        '2026-03-02',
        '2026-03-02T22:59:59.999Z',
      ],
      [
        'hours 4 → the exact instant, 4 hours after receipt',
        '2026-03-10T08:55:00.000Z',
        { kind: 'hours', amount: 4 },
        '2026-03-10',
        '2026-03-10T12:55:00.000Z',
      ],
      [
        'hours 1 from 23:30 Warsaw time → 00:30 on the next Warsaw day (still the same day in UTC)',
        '2026-03-10T22:30:00.000Z',
        { kind: 'hours', amount: 1 },
        '2026-03-11',
        '2026-03-10T23:30:00.000Z',
      ],
    ])('%s', (_label, receivedAt, sla, dueDate, dueAt) => {
      const decision = decideRoutedIntake(command, {
        ...context,
        receivedAt: new Date(receivedAt),
        category: { ...POTHOLE, sla },
      });
      expect(decision.state.dueDate).toBe(dueDate);
      expect(decision.state.dueAt).toEqual(new Date(dueAt));
      expect(decision.events[0].data.dueDate).toBe(dueDate);
    });
  });
});

describe('decideUpdate', () => {
  it('returns the very same state and no events for an empty command', () => {
    const state = aCase();
    const decision = decideUpdate(state, {}, LATER, editContext());
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
      editContext(),
    );
    expect(decision.state).toBe(state);
    expect(decision.state.version).toBe(3);
    expect(decision.events).toEqual([]);
  });

  it('treats clearing an already empty resident as no change', () => {
    const state = aCase({ resident: null });
    expect(decideUpdate(state, { resident: { name: ' ' } }, LATER, editContext())).toEqual({ state, events: [] });
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
    const decision = decideUpdate(state, command, LATER, editContext(command.categoryCode ? ROAD_OTHER : POTHOLE));
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
      editContext(ROAD_OTHER),
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
      editContext(),
    );
    const serialized = JSON.stringify(events);
    for (const personal of ['Leak', 'Water everywhere', 'Ewa Nowak', '500 600 700', 'Jan Kowalski', 'Pothole']) {
      expect(serialized).not.toContain(personal);
    }
  });

  it('leaves fields the command does not name untouched', () => {
    const state = aCase();
    const { state: next } = decideUpdate(state, { priority: 'low' }, LATER, editContext());
    expect(next).toEqual({ ...state, priority: 'low', updatedAt: LATER, version: 4 });
    expect(next).not.toBe(state);
  });

  describe('a change of category', () => {
    it('re-routes an assigned case to the unit of the new category, clears the assignee, recomputes the due by its other SLA', () => {
      const state = aCase();
      const decision = decideUpdate(state, { categoryCode: 'TREE_FALLEN' }, LATER, editContext(TREE));
      expect(decision).toStrictEqual({
        state: {
          ...state,
          categoryCode: 'TREE_FALLEN',
          unitCode: 'PARKS',
          status: 'assigned',
          assigneeId: null,
          assignee: null,
          // 10 working days from Sunday 1 March 2026.
          dueDate: '2026-03-13',
          dueAt: new Date('2026-03-13T22:59:59.999Z'),
          updatedAt: LATER,
          version: 4,
        },
        events: [
          {
            type: 'case_updated',
            data: {
              fields: ['categoryCode'],
              categoryCode: { from: 'ROAD_POTHOLE', to: 'TREE_FALLEN' },
              dueDate: { from: '2026-03-16', to: '2026-03-13' },
            },
          },
          { type: 'routed', data: { from: 'ROADS', to: 'PARKS', by: 'category', reason: 'category changed' } },
        ],
        assignInUnit: true,
      });
    });

    it('re-routes a new case (same SLA, so the due stays) and records new → assigned', () => {
      const state = aCase({ status: 'new', unitCode: null, assigneeId: null, assignee: null });
      const decision = decideUpdate(state, { categoryCode: 'ROAD_OTHER' }, LATER, editContext(ROAD_OTHER));
      expect(decision).toStrictEqual({
        state: {
          ...state,
          categoryCode: 'ROAD_OTHER',
          unitCode: 'ROADS',
          status: 'assigned',
          updatedAt: LATER,
          version: 4,
        },
        events: [
          {
            type: 'case_updated',
            data: { fields: ['categoryCode'], categoryCode: { from: 'ROAD_POTHOLE', to: 'ROAD_OTHER' } },
          },
          { type: 'routed', data: { from: null, to: 'ROADS', by: 'category', reason: 'category changed' } },
          { type: 'status_changed', data: { from: 'new', to: 'assigned' } },
        ],
        assignInUnit: true,
      });
    });

    it('re-routes a new case to a category with another SLA, recording the due change once (in case_updated)', () => {
      const state = aCase({ status: 'new', unitCode: null, assigneeId: null, assignee: null });
      const decision = decideUpdate(state, { categoryCode: 'TREE_FALLEN' }, LATER, editContext(TREE));
      expect(decision.events).toStrictEqual([
        {
          type: 'case_updated',
          data: {
            fields: ['categoryCode'],
            categoryCode: { from: 'ROAD_POTHOLE', to: 'TREE_FALLEN' },
            dueDate: { from: '2026-03-16', to: '2026-03-13' },
          },
        },
        { type: 'routed', data: { from: null, to: 'PARKS', by: 'category', reason: 'category changed' } },
        { type: 'status_changed', data: { from: 'new', to: 'assigned' } },
      ]);
    });

    it('re-routes by a rule that matches the new category, naming the rule (its priority is not applied)', () => {
      const state = aCase();
      const decision = decideUpdate(
        state,
        { categoryCode: 'TREE_FALLEN' },
        LATER,
        editContext(TREE, [WRZESZCZ_POTHOLES, FALLEN_TREES_WRZESZCZ]),
      );
      expect(decision.state).toEqual({
        ...state,
        categoryCode: 'TREE_FALLEN',
        unitCode: 'PARKS_NORTH',
        status: 'assigned',
        assigneeId: null,
        assignee: null,
        dueDate: '2026-03-13',
        dueAt: new Date('2026-03-13T22:59:59.999Z'),
        updatedAt: LATER,
        version: 4,
      });
      expect(decision.assignInUnit).toBe(true);
      expect(decision.events).toStrictEqual([
        {
          type: 'case_updated',
          data: {
            fields: ['categoryCode'],
            categoryCode: { from: 'ROAD_POTHOLE', to: 'TREE_FALLEN' },
            dueDate: { from: '2026-03-16', to: '2026-03-13' },
          },
        },
        {
          type: 'routed',
          data: {
            from: 'ROADS',
            to: 'PARKS_NORTH',
            by: 'rule',
            rule: 'fallen-trees-wrzeszcz',
            reason: 'category changed',
          },
        },
      ]);
    });

    it.each<CaseStatus>(['in_progress', 'waiting'])(
      'keeps a %s case in its unit with its assignee (somebody has started on it); only the due moves',
      (status) => {
        const state = aCase({ status });
        const decision = decideUpdate(state, { categoryCode: 'TREE_FALLEN' }, LATER, editContext(TREE));
        expect(decision).toStrictEqual({
          state: {
            ...state,
            categoryCode: 'TREE_FALLEN',
            dueDate: '2026-03-13',
            dueAt: new Date('2026-03-13T22:59:59.999Z'),
            updatedAt: LATER,
            version: 4,
          },
          events: [
            {
              type: 'case_updated',
              data: {
                fields: ['categoryCode'],
                categoryCode: { from: 'ROAD_POTHOLE', to: 'TREE_FALLEN' },
                dueDate: { from: '2026-03-16', to: '2026-03-13' },
              },
            },
          ],
        });
      },
    );

    it('keeps the case where it is when the new category routes to the same unit', () => {
      const state = aCase();
      const decision = decideUpdate(state, { categoryCode: 'ROAD_OTHER' }, LATER, editContext(ROAD_OTHER));
      expect(decision).toStrictEqual({
        state: { ...state, categoryCode: 'ROAD_OTHER', updatedAt: LATER, version: 4 },
        events: [
          {
            type: 'case_updated',
            data: { fields: ['categoryCode'], categoryCode: { from: 'ROAD_POTHOLE', to: 'ROAD_OTHER' } },
          },
        ],
      });
    });

    it('keeps the case in its unit when neither a rule nor the new category names one', () => {
      const state = aCase();
      const decision = decideUpdate(state, { categoryCode: 'OTHER' }, LATER, editContext(OTHER));
      expect(decision).toStrictEqual({
        state: {
          ...state,
          categoryCode: 'OTHER',
          // 1 month from 1 March 2026 → Wednesday 1 April, in summer time.
          dueDate: '2026-04-01',
          dueAt: new Date('2026-04-01T21:59:59.999Z'),
          updatedAt: LATER,
          version: 4,
        },
        events: [
          {
            type: 'case_updated',
            data: {
              fields: ['categoryCode'],
              categoryCode: { from: 'ROAD_POTHOLE', to: 'OTHER' },
              dueDate: { from: '2026-03-16', to: '2026-04-01' },
            },
          },
        ],
      });
    });

    it('does not re-run routing when the category stays, even if a rule would now send the case elsewhere', () => {
      const state = aCase();
      const decision = decideUpdate(
        state,
        { subject: 'Zapadlisko na Grunwaldzkiej' },
        LATER,
        editContext(POTHOLE, [SINKHOLES]),
      );
      expect(decision).toStrictEqual({
        state: { ...state, subject: 'Zapadlisko na Grunwaldzkiej', updatedAt: LATER, version: 4 },
        events: [{ type: 'case_updated', data: { fields: ['subject'] } }],
      });
    });

    it('keeps a due date moved on by a wait when the new category has the same SLA', () => {
      const state = aCase({
        status: 'in_progress',
        dueDate: '2026-03-19',
        dueAt: new Date('2026-03-19T22:59:59.999Z'),
      });
      const decision = decideUpdate(state, { categoryCode: 'ROAD_OTHER' }, LATER, editContext(ROAD_OTHER));
      expect(decision.state).toEqual({ ...state, categoryCode: 'ROAD_OTHER', updatedAt: LATER, version: 4 });
      expect(decision.events).toStrictEqual([
        {
          type: 'case_updated',
          data: { fields: ['categoryCode'], categoryCode: { from: 'ROAD_POTHOLE', to: 'ROAD_OTHER' } },
        },
      ]);
    });

    it('recomputes the due from receivedAt when only the amount of the SLA differs', () => {
      const state = aCase({
        status: 'in_progress',
        dueDate: '2026-03-19',
        dueAt: new Date('2026-03-19T22:59:59.999Z'),
      });
      const markings: CategoryFacts = {
        code: 'ROAD_MARKINGS',
        unitCode: 'ROADS',
        sla: { kind: 'calendar_days', amount: 30 },
      };
      const decision = decideUpdate(state, { categoryCode: 'ROAD_MARKINGS' }, LATER, editContext(markings));
      // 30 calendar days from 1 March 2026 → Tuesday 31 March, in summer time.
      expect(decision.state).toEqual({
        ...state,
        categoryCode: 'ROAD_MARKINGS',
        dueDate: '2026-03-31',
        dueAt: new Date('2026-03-31T21:59:59.999Z'),
        updatedAt: LATER,
        version: 4,
      });
      expect(decision.events).toStrictEqual([
        {
          type: 'case_updated',
          data: {
            fields: ['categoryCode'],
            categoryCode: { from: 'ROAD_POTHOLE', to: 'ROAD_MARKINGS' },
            dueDate: { from: '2026-03-19', to: '2026-03-31' },
          },
        },
      ]);
    });

    it('does not record a due change when the other SLA lands on the same date', () => {
      const state = aCase({ status: 'in_progress' });
      // 11 working days from Sunday 1 March 2026 → Monday 16 March, as 14 calendar days.
      const signs: CategoryFacts = { code: 'ROAD_SIGNS', unitCode: 'ROADS', sla: { kind: 'working_days', amount: 11 } };
      const decision = decideUpdate(state, { categoryCode: 'ROAD_SIGNS' }, LATER, editContext(signs));
      expect(decision.state).toEqual({ ...state, categoryCode: 'ROAD_SIGNS', updatedAt: LATER, version: 4 });
      expect(decision.events).toStrictEqual([
        {
          type: 'case_updated',
          data: { fields: ['categoryCode'], categoryCode: { from: 'ROAD_POTHOLE', to: 'ROAD_SIGNS' } },
        },
      ]);
    });

    it('computes a missing due even when the SLA is the same', () => {
      const state = aCase({ status: 'in_progress', dueDate: null, dueAt: null });
      const decision = decideUpdate(state, { categoryCode: 'ROAD_OTHER' }, LATER, editContext(ROAD_OTHER));
      expect(decision.state).toEqual({
        ...state,
        categoryCode: 'ROAD_OTHER',
        dueDate: '2026-03-16',
        dueAt: new Date('2026-03-16T22:59:59.999Z'),
        updatedAt: LATER,
        version: 4,
      });
      expect(decision.events).toStrictEqual([
        {
          type: 'case_updated',
          data: {
            fields: ['categoryCode'],
            categoryCode: { from: 'ROAD_POTHOLE', to: 'ROAD_OTHER' },
            dueDate: { from: null, to: '2026-03-16' },
          },
        },
      ]);
    });
  });
});

describe('decideTransition', () => {
  it('rejects a transition the table does not allow before looking at the resolution', () => {
    expectDomainError(
      () => decideTransition(aCase({ status: 'new' }), { to: 'resolved', resolution: 'Fixed' }, LATER, POTHOLE.sla),
      'invalid_transition',
      'conflict',
    );
  });

  it('refuses to mark a case without a unit assigned (routing gives it one)', () => {
    expectDomainError(
      () => decideTransition(aCase({ status: 'new', unitCode: null }), { to: 'assigned' }, LATER, POTHOLE.sla),
      'unit_required',
      'conflict',
    );
  });

  it.each([undefined, ''])('requires a resolution when resolving (resolution %p)', (resolution) => {
    expectDomainError(
      () => decideTransition(aCase(), { to: 'resolved', resolution }, LATER, POTHOLE.sla),
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
      () => decideTransition(aCase({ status }), { to, resolution }, LATER, POTHOLE.sla),
      'resolution_not_allowed',
      'invalid',
      'resolution',
    );
  });

  it('resolves: sets status, resolution and resolvedAt, bumps the version', () => {
    const state = aCase({ status: 'in_progress' });
    const decision = decideTransition(
      state,
      { to: 'resolved', resolution: 'Pothole filled', note: 'crew 4' },
      LATER,
      POTHOLE.sla,
    );
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
    const decision = decideTransition(state, { to: 'closed' }, LATER, POTHOLE.sla);
    expect(decision.state).toEqual({ ...state, status: 'closed', closedAt: LATER, updatedAt: LATER, version: 4 });
    expect(decision.events).toStrictEqual([{ type: 'status_changed', data: { from: 'resolved', to: 'closed' } }]);
  });

  it('closes a new case', () => {
    const state = aCase({ status: 'new', unitCode: null });
    const decision = decideTransition(state, { to: 'closed', note: 'duplicate of 2026-000001-5' }, LATER, POTHOLE.sla);
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
    const decision = decideTransition(state, { to: 'in_progress', note: 'It is back' }, LATER, POTHOLE.sla);
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
  ])('moves %s → %s changing only status, updatedAt and version', (from, to) => {
    const state = aCase({ status: from });
    const decision = decideTransition(state, { to }, LATER, POTHOLE.sla);
    expect(decision.state).toEqual({ ...state, status: to, updatedAt: LATER, version: 4 });
    expect(decision.events).toStrictEqual([{ type: 'status_changed', data: { from, to } }]);
  });

  describe('waiting (KPA art. 35 §5: the wait does not count)', () => {
    /** In `waiting` since Friday 6 March 2026, 10:00 Warsaw time; due Monday 16 March. */
    const waitingSince = new Date('2026-03-06T09:00:00.000Z');
    /** Monday 9 March 2026, 14:00 Warsaw time: 3 calendar days after the wait began. */
    const threeDaysOn = new Date('2026-03-09T13:00:00.000Z');

    it.each<CaseStatus>(['assigned', 'in_progress'])(
      'entering it from %s starts the clock and leaves the due as it is',
      (from) => {
        const state = aCase({ status: from });
        const decision = decideTransition(state, { to: 'waiting' }, LATER, POTHOLE.sla);
        expect(decision.state).toEqual({
          ...state,
          status: 'waiting',
          waitingSince: LATER,
          updatedAt: LATER,
          version: 4,
        });
        expect(decision.events).toStrictEqual([{ type: 'status_changed', data: { from, to: 'waiting' } }]);
      },
    );

    it('leaving it after 3 calendar days moves the due on by 3 days and stops the clock', () => {
      const state = aCase({ status: 'waiting', waitingSince });
      const decision = decideTransition(
        state,
        { to: 'in_progress', note: 'documents arrived' },
        threeDaysOn,
        POTHOLE.sla,
      );
      expect(decision.state).toEqual({
        ...state,
        status: 'in_progress',
        waitingSince: null,
        dueDate: '2026-03-19',
        dueAt: new Date('2026-03-19T22:59:59.999Z'),
        updatedAt: threeDaysOn,
        version: 4,
      });
      expect(decision.events).toStrictEqual([
        {
          type: 'status_changed',
          data: {
            from: 'waiting',
            to: 'in_progress',
            note: 'documents arrived',
            dueDate: { from: '2026-03-16', to: '2026-03-19' },
          },
        },
      ]);
    });

    it('leaving it on the day it began moves nothing, so the event names no due', () => {
      const state = aCase({ status: 'waiting', waitingSince: new Date('2026-03-09T08:00:00.000Z') });
      const decision = decideTransition(state, { to: 'in_progress' }, threeDaysOn, POTHOLE.sla);
      expect(decision.state).toEqual({
        ...state,
        status: 'in_progress',
        waitingSince: null,
        updatedAt: threeDaysOn,
        version: 4,
      });
      expect(decision.events).toStrictEqual([{ type: 'status_changed', data: { from: 'waiting', to: 'in_progress' } }]);
    });

    it('a wait of 5 days pushing the due onto Saturday 21 March moves it on to Monday 23 March', () => {
      const state = aCase({ status: 'waiting', waitingSince: new Date('2026-03-04T09:00:00.000Z') });
      const decision = decideTransition(state, { to: 'in_progress' }, threeDaysOn, POTHOLE.sla);
      expect(decision.state).toMatchObject({ dueDate: '2026-03-23', dueAt: new Date('2026-03-23T22:59:59.999Z') });
      expect(decision.events).toStrictEqual([
        {
          type: 'status_changed',
          data: { from: 'waiting', to: 'in_progress', dueDate: { from: '2026-03-16', to: '2026-03-23' } },
        },
      ]);
    });

    it('resolving straight from waiting also moves the due on', () => {
      const state = aCase({ status: 'waiting', waitingSince });
      const decision = decideTransition(
        state,
        { to: 'resolved', resolution: 'Pothole filled' },
        threeDaysOn,
        POTHOLE.sla,
      );
      expect(decision.state).toEqual({
        ...state,
        status: 'resolved',
        resolution: 'Pothole filled',
        resolvedAt: threeDaysOn,
        waitingSince: null,
        dueDate: '2026-03-19',
        dueAt: new Date('2026-03-19T22:59:59.999Z'),
        updatedAt: threeDaysOn,
        version: 4,
      });
      expect(decision.events).toStrictEqual([
        {
          type: 'status_changed',
          data: {
            from: 'waiting',
            to: 'resolved',
            resolution: 'Pothole filled',
            dueDate: { from: '2026-03-16', to: '2026-03-19' },
          },
        },
      ]);
    });

    it('an hours SLA moves dueAt on by the exact time waited (here 24 h, into the next day)', () => {
      const state = aCase({
        status: 'waiting',
        dueDate: '2026-03-10',
        dueAt: new Date('2026-03-10T12:00:00.000Z'),
        waitingSince: new Date('2026-03-10T09:00:00.000Z'),
      });
      const decision = decideTransition(state, { to: 'in_progress' }, new Date('2026-03-11T09:00:00.000Z'), {
        kind: 'hours',
        amount: 4,
      });
      expect(decision.state).toMatchObject({
        waitingSince: null,
        dueDate: '2026-03-11',
        dueAt: new Date('2026-03-11T12:00:00.000Z'),
      });
      expect(decision.events).toStrictEqual([
        {
          type: 'status_changed',
          data: { from: 'waiting', to: 'in_progress', dueDate: { from: '2026-03-10', to: '2026-03-11' } },
        },
      ]);
    });
  });
});

describe('decideRoute', () => {
  const command = { unitCode: 'PARKS', reason: 'Tree in the road' };

  it.each<CaseStatus>(['resolved', 'closed'])('refuses to route a %s case', (status) => {
    expectDomainError(
      () => decideRoute(aCase({ status }), command, LATER, routingContext()),
      'case_not_routable',
      'conflict',
    );
  });

  it.each<CaseStatus>(['assigned', 'in_progress', 'waiting'])(
    'refuses to route a %s case to the unit it is already with',
    (status) => {
      expectDomainError(
        () => decideRoute(aCase({ status, unitCode: 'PARKS' }), command, LATER, routingContext()),
        'already_in_unit',
        'conflict',
      );
    },
  );

  it('re-routes an assigned case: new unit, assignee cleared, only a routed event', () => {
    const state = aCase({ status: 'assigned', unitCode: 'ROADS' });
    const decision = decideRoute(state, command, LATER, routingContext());
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
      { type: 'routed', data: { from: 'ROADS', to: 'PARKS', by: 'hand', reason: 'Tree in the road' } },
    ]);
    expect(decision.assignInUnit).toBe(true);
  });

  it.each<[CaseStatus, string | null, string]>([
    ['new', null, 'PARKS'],
    ['in_progress', 'ROADS', 'PARKS'],
    ['waiting', 'ROADS', 'PARKS'],
  ])('routes a %s case from %p to %s and records the status change to assigned', (status, from, to) => {
    const state = aCase({ status, unitCode: from });
    const decision = decideRoute(state, { unitCode: to, reason: 'Tree in the road' }, LATER, routingContext());
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
      { type: 'routed', data: { from, to, by: 'hand', reason: 'Tree in the road' } },
      { type: 'status_changed', data: { from: status, to: 'assigned' } },
    ]);
    expect(decision.assignInUnit).toBe(true);
  });

  it('without a unit, routes by the first matching rule and names it (the rule priority is not applied)', () => {
    const state = aCase();
    const decision = decideRoute(
      state,
      { reason: 'Rules changed' },
      LATER,
      routingContext(POTHOLE, [WRZESZCZ_POTHOLES]),
    );
    expect(decision).toStrictEqual({
      state: {
        ...state,
        unitCode: 'ROADS_NORTH',
        status: 'assigned',
        assigneeId: null,
        assignee: null,
        updatedAt: LATER,
        version: 4,
      },
      events: [
        {
          type: 'routed',
          data: { from: 'ROADS', to: 'ROADS_NORTH', by: 'rule', rule: 'wrzeszcz-potholes', reason: 'Rules changed' },
        },
      ],
      assignInUnit: true,
    });
  });

  it('without a unit and with no matching rule, routes a new case to its category unit', () => {
    const state = aCase({ status: 'new', unitCode: null, assigneeId: null, assignee: null });
    const decision = decideRoute(
      state,
      { reason: 'Category now has a unit' },
      LATER,
      routingContext(POTHOLE, [SINKHOLES]),
    );
    expect(decision).toStrictEqual({
      state: { ...state, unitCode: 'ROADS', status: 'assigned', updatedAt: LATER, version: 4 },
      events: [
        { type: 'routed', data: { from: null, to: 'ROADS', by: 'category', reason: 'Category now has a unit' } },
        { type: 'status_changed', data: { from: 'new', to: 'assigned' } },
      ],
      assignInUnit: true,
    });
  });

  it('refuses with no_route when neither a rule nor the category names a unit and none is given', () => {
    const state = aCase({ status: 'new', unitCode: null, assigneeId: null, assignee: null, categoryCode: 'OTHER' });
    expectDomainError(
      () => decideRoute(state, { reason: 'Try the rules' }, LATER, routingContext(OTHER, [WRZESZCZ_POTHOLES])),
      'no_route',
      'conflict',
    );
  });

  it.each<[string, RoutingRule[], Partial<CaseState>]>([
    ['the category', [], { unitCode: 'ROADS' }],
    ['a rule', [WRZESZCZ_POTHOLES], { unitCode: 'ROADS_NORTH' }],
  ])('refuses with already_in_unit when %s sends the case where it already is', (_label, rules, overrides) => {
    expectDomainError(
      () => decideRoute(aCase(overrides), { reason: 'Try the rules' }, LATER, routingContext(POTHOLE, rules)),
      'already_in_unit',
      'conflict',
    );
  });

  it('refuses a resolved case with case_not_routable before looking for a route', () => {
    expectDomainError(
      () => decideRoute(aCase({ status: 'resolved', unitCode: null }), { reason: 'x' }, LATER, routingContext(OTHER)),
      'case_not_routable',
      'conflict',
    );
  });

  it('from waiting after 3 calendar days, moves the due on by the wait and records it with the status change', () => {
    const state = aCase({ status: 'waiting', waitingSince: new Date('2026-03-06T09:00:00.000Z') });
    const now = new Date('2026-03-09T13:00:00.000Z');
    const decision = decideRoute(state, command, now, routingContext());
    expect(decision).toStrictEqual({
      state: {
        ...state,
        unitCode: 'PARKS',
        status: 'assigned',
        assigneeId: null,
        assignee: null,
        waitingSince: null,
        dueDate: '2026-03-19',
        dueAt: new Date('2026-03-19T22:59:59.999Z'),
        updatedAt: now,
        version: 4,
      },
      events: [
        { type: 'routed', data: { from: 'ROADS', to: 'PARKS', by: 'hand', reason: 'Tree in the road' } },
        {
          type: 'status_changed',
          data: { from: 'waiting', to: 'assigned', dueDate: { from: '2026-03-16', to: '2026-03-19' } },
        },
      ],
      assignInUnit: true,
    });
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

describe('decideAssign', () => {
  const BARTEK = { id: 'b0000000-0000-4000-8000-000000000002', username: 'bartek' };

  it('hands the case to a named member: same status, new assignee, one event, no pick by the store', () => {
    const decision = decideAssign(aCase({ status: 'in_progress' }), { assignee: BARTEK, reason: 'Zna teren' }, LATER);
    expect(decision).toStrictEqual({
      state: aCase({ status: 'in_progress', assigneeId: BARTEK.id, assignee: 'bartek', updatedAt: LATER, version: 4 }),
      events: [
        {
          type: 'assignee_changed',
          data: { from: 'anna.nowak', by: 'hand', reason: 'Zna teren', assignee: 'bartek' },
        },
      ],
    });
  });

  it('without a name, clears the assignee and asks the store to pick again, passing over the current one', () => {
    const decision = decideAssign(aCase(), { reason: 'Urlop' }, LATER);
    expect(decision).toStrictEqual({
      state: aCase({ assigneeId: null, assignee: null, updatedAt: LATER, version: 4 }),
      events: [{ type: 'assignee_changed', data: { from: 'anna.nowak', by: 'unit', reason: 'Urlop' } }],
      assignInUnit: true,
      assignExcept: 'a6f1c3de-0000-4000-8000-000000000001',
    });
  });

  it('from the queue (nobody assigned) the store may pick anyone', () => {
    const decision = decideAssign(aCase({ assigneeId: null, assignee: null }), { reason: 'Przydział' }, LATER);
    expect(decision.assignExcept).toBeNull();
    expect(decision.events[0].data).toEqual({ from: null, by: 'unit', reason: 'Przydział' });
  });

  it.each(['resolved', 'closed'] as const)('refuses a %s case (409 case_not_assignable)', (status) => {
    expectDomainError(() => decideAssign(aCase({ status }), { reason: 'x' }, LATER), 'case_not_assignable', 'conflict');
  });

  it('refuses a case without a unit (409 unit_required)', () => {
    expectDomainError(
      () =>
        decideAssign(
          aCase({ status: 'new', unitCode: null, assigneeId: null, assignee: null }),
          { reason: 'x' },
          LATER,
        ),
      'unit_required',
      'conflict',
    );
  });

  it('refuses handing the case to whoever has it (409 already_assigned)', () => {
    const anna = { id: 'a6f1c3de-0000-4000-8000-000000000001', username: 'anna.nowak' };
    expectDomainError(
      () => decideAssign(aCase(), { assignee: anna, reason: 'x' }, LATER),
      'already_assigned',
      'conflict',
    );
  });
});
