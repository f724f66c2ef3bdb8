import { CaseState } from './case';

/* A case for the pure rules' tests (not part of the lib's build). */

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/** An assigned case in version 3; frozen, so any mutation by a decide function throws. */
export function aCase(overrides: Partial<CaseState> = {}): CaseState {
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
    attributes: null,
    mediaUrl: null,
    receivedAt: new Date('2026-03-01T08:00:00.000Z'),
    createdAt: new Date('2026-03-01T08:00:05.000Z'),
    updatedAt: new Date('2026-03-02T10:00:00.000Z'),
    dueDate: '2026-03-16',
    dueAt: new Date('2026-03-16T22:59:59.999Z'),
    waitingSince: null,
    resolvedAt: null,
    closedAt: null,
    slaWarnedFor: null,
    slaBreachedFor: null,
    version: 3,
    ...overrides,
  });
}
