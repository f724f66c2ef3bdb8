import { buildSearchText, formatCaseNumber } from '@app/cases';
import { businessDateOf } from '@app/core';
import { computeDue } from '@app/routing';
import fc from 'fast-check';
import type { ImportCategory } from './import-row';
import { ImportCalendar, numbersOf, SEARCH_TEXT_SEPARATOR, searchTextAfterNumber } from './imported-case';

const POTHOLE: ImportCategory = { code: 'pothole', unitCode: 'roads', sla: { kind: 'working_days', amount: 7 } };
const HAZARD: ImportCategory = { code: 'hazard', unitCode: 'crisis', sla: { kind: 'hours', amount: 4 } };
const MONTHLY: ImportCategory = { code: 'complaint', unitCode: null, sla: { kind: 'months', amount: 1 } };
const instants = fc.date({
  min: new Date('1999-12-31T23:00:00Z'),
  max: new Date('2035-12-31T23:00:00Z'),
  noInvalidDate: true,
});

describe('ImportCalendar', () => {
  it('takes the Europe/Warsaw year: 31 December 23:30 UTC is already 2020 there', () => {
    const calendar = new ImportCalendar();
    expect(calendar.businessDate(new Date('2019-12-31T23:30:00Z'))).toBe('2020-01-01');
    expect(calendar.businessYear(new Date('2019-12-31T23:30:00Z'))).toBe(2020);
    expect(calendar.businessYear(new Date('2019-12-31T22:59:59.999Z'))).toBe(2019);
    // Summer time: +02:00.
    expect(calendar.businessDate(new Date('2020-06-30T22:00:00Z'))).toBe('2020-07-01');
    expect(calendar.businessDate(new Date('2020-06-30T21:59:59Z'))).toBe('2020-06-30');
  });

  it('gives the very dates and deadlines of computeDue, remembered or not', () => {
    const calendar = new ImportCalendar();
    fc.assert(
      fc.property(instants, fc.constantFrom(POTHOLE, HAZARD, MONTHLY), (instant, category) => {
        expect(calendar.businessDate(instant)).toBe(businessDateOf(instant));
        expect(calendar.due(instant, category)).toEqual(computeDue(instant, category.sla));
      }),
      { numRuns: 2000 },
    );
  });

  it('counts an SLA in hours from the instant itself', () => {
    const calendar = new ImportCalendar();
    expect(calendar.due(new Date('2020-03-15T09:00:00Z'), HAZARD).dueAt).toEqual(new Date('2020-03-15T13:00:00Z'));
    expect(calendar.due(new Date('2020-03-15T09:30:00Z'), HAZARD).dueAt).toEqual(new Date('2020-03-15T13:30:00Z'));
  });

  it('gives a day-based deadline for the whole receipt date: New Year and Epiphany are no working days', () => {
    const calendar = new ImportCalendar();
    const early = calendar.due(new Date('2019-12-31T23:30:00Z'), POTHOLE);
    const late = calendar.due(new Date('2020-01-01T22:59:00Z'), POTHOLE);
    // Received on 1 January 2020: 2, 3, 7, 8, 9, 10, 13 January are the seven working days.
    expect(early).toEqual({ dueDate: '2020-01-13', dueAt: new Date('2020-01-13T22:59:59.999Z') });
    expect(late).toEqual(early);
  });
});

describe('searchTextAfterNumber', () => {
  it('is the search text of the case after its number and the separator', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 9999 }),
        fc.integer({ min: 1, max: 10 ** 9 }),
        fc.string({ minLength: 1, maxLength: 50, unit: 'grapheme' }),
        fc.option(fc.string({ minLength: 1, maxLength: 80, unit: 'grapheme' }), { nil: null }),
        (year, sequence, subject, description) => {
          const number = formatCaseNumber(year, sequence);
          expect(number + SEARCH_TEXT_SEPARATOR + searchTextAfterNumber({ subject, description })).toBe(
            buildSearchText({ number, subject, description, resident: null }),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('folds case and diacritics like the search text of any case', () => {
    expect(searchTextAfterNumber({ subject: 'Źródło ŁAŃCUCHA', description: 'Σοφία ΣΣ' })).toBe(
      `zrodlo lancucha${SEARCH_TEXT_SEPARATOR}σοφια σς`,
    );
  });
});

describe('numbersOf', () => {
  it('numbers each year’s block in order, ending at its last sequence, Damm check digit included', () => {
    expect([
      ...numbersOf([
        { year: 2020, count: 3, lastSequence: 44 },
        { year: 2021, count: 1, lastSequence: 1 },
      ]),
    ]).toEqual([
      { year: 2020, position: 1, sequence: 42, number: formatCaseNumber(2020, 42) },
      { year: 2020, position: 2, sequence: 43, number: formatCaseNumber(2020, 43) },
      { year: 2020, position: 3, sequence: 44, number: formatCaseNumber(2020, 44) },
      { year: 2021, position: 1, sequence: 1, number: formatCaseNumber(2021, 1) },
    ]);
  });
});
