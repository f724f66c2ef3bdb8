import { CategoryAttribute, checkAttributeDefinitions, readAttributeAnswers } from './category-attributes';

const attribute = (overrides: Partial<CategoryAttribute>): CategoryAttribute => ({
  code: 'size',
  description: 'How big is it?',
  datatype: 'string',
  required: false,
  datatypeDescription: null,
  order: 1,
  values: [],
  ...overrides,
});

const SIZE = attribute({
  code: 'size',
  datatype: 'singlevaluelist',
  required: true,
  values: [
    { key: 'small', name: 'Smaller than a hand' },
    { key: 'large', name: 'Larger than a wheel' },
  ],
});
const HAZARDS = attribute({
  code: 'hazards',
  datatype: 'multivaluelist',
  values: [
    { key: 'water', name: 'Filled with water' },
    { key: 'edge', name: 'Sharp edge' },
  ],
});
const DEPTH = attribute({ code: 'depth_cm', datatype: 'number' });
const SEEN = attribute({ code: 'seen_at', datatype: 'datetime' });
const NOTE = attribute({ code: 'note', datatype: 'string' });
const ALL = [SIZE, HAZARDS, DEPTH, SEEN, NOTE];

describe('checkAttributeDefinitions', () => {
  it('accepts a sound set', () => {
    expect(checkAttributeDefinitions(ALL)).toEqual([]);
  });

  it('refuses a code defined twice (case-insensitively), list datatypes without choices, choices elsewhere, twin keys', () => {
    expect(
      checkAttributeDefinitions([
        SIZE,
        attribute({ code: 'SIZE' }),
        attribute({ code: 'kind', datatype: 'singlevaluelist' }),
        attribute({ code: 'depth', values: [{ key: 'a', name: 'A' }] }),
        attribute({
          code: 'twins',
          datatype: 'multivaluelist',
          values: [
            { key: 'a', name: 'A' },
            { key: 'a', name: 'Another A' },
          ],
        }),
      ]),
    ).toEqual([
      { field: 'attributes[1].code', message: 'SIZE is defined twice' },
      { field: 'attributes[2].values', message: 'a singlevaluelist needs at least one value' },
      { field: 'attributes[3].values', message: 'only list datatypes take values' },
      { field: 'attributes[4].values[1].key', message: 'a is listed twice' },
    ]);
  });
});

describe('readAttributeAnswers', () => {
  it('normalises answers of every datatype', () => {
    expect(
      readAttributeAnswers(ALL, {
        size: 'large',
        hazards: ['edge', 'water', 'edge'],
        depth_cm: '012.50',
        seen_at: '2026-11-26T08:15:00+01:00',
        note: '  by the bus stop ',
      }),
    ).toEqual({
      answers: {
        size: 'large',
        hazards: ['edge', 'water'],
        depth_cm: '12.5',
        seen_at: '2026-11-26T07:15:00.000Z',
        note: 'by the bus stop',
      },
      errors: [],
      ignored: [],
    });
  });

  it('takes a single answer to a multi-value list as a list of one', () => {
    expect(readAttributeAnswers([SIZE, HAZARDS], { size: 'small', hazards: 'water' }).answers).toEqual({
      size: 'small',
      hazards: ['water'],
    });
  });

  it('names every wrong answer by the field a client sent, and leaves out answers to questions not asked', () => {
    expect(
      readAttributeAnswers(ALL, {
        hazards: ['water', 'fire'],
        depth_cm: '1e9',
        seen_at: '2026-11-26',
        note: ['a', 'b'],
        colour: 'red',
      }),
    ).toEqual({
      answers: {},
      ignored: ['colour'],
      errors: [
        { field: 'attribute[size]', message: 'is required' },
        { field: 'attribute[hazards]', message: 'fire: not among the choices' },
        { field: 'attribute[depth_cm]', message: 'must be a number' },
        { field: 'attribute[seen_at]', message: 'must be an ISO 8601 date and time with an offset' },
        { field: 'attribute[note]', message: 'takes one value' },
      ],
    });
  });

  it('counts a blank answer as none, and a single-value key must be one of the choices', () => {
    expect(readAttributeAnswers([SIZE], { size: '  ' }).errors).toEqual([
      { field: 'attribute[size]', message: 'is required' },
    ]);
    expect(readAttributeAnswers([SIZE], { size: 'Large' }).errors).toEqual([
      { field: 'attribute[size]', message: 'Large: not among the choices' },
    ]);
  });

  it('takes attribute codes that are names of object members as any other', () => {
    const odd = attribute({ code: 'constructor', required: true });
    expect(readAttributeAnswers([odd], {})).toEqual({
      answers: {},
      errors: [{ field: 'attribute[constructor]', message: 'is required' }],
      ignored: [],
    });
    expect(readAttributeAnswers([odd], { constructor: 'a' }).answers).toEqual({ constructor: 'a' });
  });

  it('limits the length of string answers', () => {
    expect(readAttributeAnswers([NOTE], { note: 'x'.repeat(501) }).errors).toEqual([
      { field: 'attribute[note]', message: 'must be at most 500 characters' },
    ]);
    expect(readAttributeAnswers([NOTE], { note: 'x'.repeat(500) }).errors).toEqual([]);
  });
});
