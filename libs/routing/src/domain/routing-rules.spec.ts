import { chooseRoute, compileRules, normalizeRule, RoutingFacts, RoutingRule, ruleSetErrors } from './routing-rules';

const RULES: RoutingRule[] = [
  {
    name: 'Wraki',
    when: { keywordsAny: ['wrak', 'porzucony pojazd'] },
    then: { unitCode: 'straz-miejska', priority: 'high' },
  },
  {
    name: 'Drogi Oliwa',
    when: { categoryCodes: ['dziura-w-jezdni'], districts: ['Oliwa', 'Przymorze Wielkie'] },
    then: { unitCode: 'gzdiz-oliwa' },
  },
  {
    name: 'Skargi listowne',
    when: { categoryCodes: ['skarga'], channels: ['letter', 'drop_box'] },
    then: { unitCode: 'kancelaria' },
  },
];
const compiled = compileRules(RULES);
const facts = (overrides: Partial<RoutingFacts> = {}): RoutingFacts => ({
  categoryCode: 'dziura-w-jezdni',
  channel: 'phone',
  district: null,
  subject: 'Dziura na ulicy',
  description: null,
  ...overrides,
});
const category = { unitCode: 'gzdiz' };

describe('chooseRoute', () => {
  it('no rule matches → the category unit, no priority, rule null', () => {
    expect(chooseRoute(compiled, facts(), category)).toEqual({ unitCode: 'gzdiz', priority: null, rule: null });
  });

  it('an empty rule set → the category unit (also when the category has none)', () => {
    expect(chooseRoute([], facts(), { unitCode: null })).toEqual({ unitCode: null, priority: null, rule: null });
  });

  it.each([
    ['the keyword in the subject', { subject: 'Wrak przy ul. Kartuskiej' }],
    ['an inflected form (keywords match at a word start)', { subject: 'Stoi tu od miesiąca, pełno wraków' }],
    ['upper case and diacritics folded', { subject: 'WRAKÓW coraz więcej' }],
    [
      'a phrase in the description, across a line break and extra spaces',
      { description: 'Porzucony\n  pojazd bez tablic' },
    ],
    ['a phrase written with diacritics where the keyword has none', { description: 'porzucony pojazd' }],
  ])('keywords: %s → the rule fires with its priority', (_reason, overrides) => {
    expect(chooseRoute(compiled, facts(overrides), category)).toEqual({
      unitCode: 'straz-miejska',
      priority: 'high',
      rule: 'Wraki',
    });
  });

  it.each([
    ['inside another word', { subject: 'Zawrak' }],
    ['only part of a phrase', { subject: 'Porzucony rower' }],
  ])('keywords: no match %s', (_reason, overrides) => {
    expect(chooseRoute(compiled, facts(overrides), category).rule).toBeNull();
  });

  it('every condition of a rule must hold: district matches but category does not → next rule / category', () => {
    expect(chooseRoute(compiled, facts({ categoryCode: 'oswietlenie', district: 'Oliwa' }), category).rule).toBeNull();
  });

  it.each([['Oliwa'], ['oliwa'], ['  OLIWA '], ['Przymorze  wielkie']])(
    'districts compare folded and trimmed: %j',
    (district) => {
      expect(chooseRoute(compiled, facts({ district }), category)).toEqual({
        unitCode: 'gzdiz-oliwa',
        priority: null,
        rule: 'Drogi Oliwa',
      });
    },
  );

  it('a district condition never matches a case without a district', () => {
    expect(chooseRoute(compiled, facts({ district: null }), category).rule).toBeNull();
  });

  it('channels: any listed channel matches', () => {
    expect(chooseRoute(compiled, facts({ categoryCode: 'skarga', channel: 'drop_box' }), category).rule).toBe(
      'Skargi listowne',
    );
    expect(chooseRoute(compiled, facts({ categoryCode: 'skarga', channel: 'email' }), category).rule).toBeNull();
  });

  it('the first matching rule wins, in order', () => {
    const choice = chooseRoute(compiled, facts({ district: 'Oliwa', subject: 'Wrak na jezdni' }), category);
    expect(choice.rule).toBe('Wraki');
  });

  it('keywords with regular-expression characters match literally', () => {
    const rules = compileRules([{ name: 'x', when: { keywordsAny: ['c++ (kurs)'] }, then: { unitCode: 'u' } }]);
    expect(chooseRoute(rules, facts({ subject: 'Kurs c++ (kurs) dla seniorów' }), category).rule).toBe('x');
    expect(chooseRoute(rules, facts({ subject: 'ccc kurs' }), category).rule).toBeNull();
  });
});

describe('ruleSetErrors', () => {
  const known = { unitCodes: new Set(['gzdiz', 'straz-miejska']), categoryCodes: new Set(['dziura-w-jezdni']) };

  it('a valid rule set has no errors', () => {
    expect(
      ruleSetErrors([{ name: 'a', when: { categoryCodes: ['dziura-w-jezdni'] }, then: { unitCode: 'gzdiz' } }], known),
    ).toEqual([]);
  });

  it('names the index and the field of every problem', () => {
    expect(
      ruleSetErrors(
        [
          { name: 'a', when: {}, then: { unitCode: 'gzdiz' } },
          { name: 'b', when: { categoryCodes: ['nope', 'dziura-w-jezdni', 'zilch'] }, then: { unitCode: 'mars' } },
          { name: 'a', when: { channels: [], keywordsAny: [] }, then: { unitCode: 'gzdiz' } },
        ],
        known,
      ),
    ).toEqual([
      { field: 'rules[0].when', message: 'needs at least one condition' },
      { field: 'rules[1].when.categoryCodes', message: 'unknown category nope, zilch' },
      { field: 'rules[1].then.unitCode', message: 'unknown unit mars' },
      { field: 'rules[2].when', message: 'needs at least one condition' },
      { field: 'rules[2].name', message: 'another rule has this name' },
    ]);
  });

  it('refuses keywords and districts that fold to nothing (a blank keyword would match every case)', () => {
    expect(
      ruleSetErrors(
        [
          { name: 'a', when: { keywordsAny: ['wrak', '  '] }, then: { unitCode: 'gzdiz' } },
          { name: 'b', when: { districts: ['\u0301'] }, then: { unitCode: 'gzdiz' } },
        ],
        known,
      ),
    ).toEqual([
      { field: 'rules[0].when.keywordsAny', message: 'must not be blank' },
      { field: 'rules[1].when.districts', message: 'must not be blank' },
    ]);
  });

  it('tells rule names apart without case, diacritics or extra spaces', () => {
    const errors = ruleSetErrors(
      [
        { name: 'Wraki Żabianka', when: { keywordsAny: ['wrak'] }, then: { unitCode: 'gzdiz' } },
        { name: ' wraki  zabianka', when: { keywordsAny: ['wrak'] }, then: { unitCode: 'gzdiz' } },
      ],
      known,
    );
    expect(errors).toEqual([{ field: 'rules[1].name', message: 'another rule has this name' }]);
  });
});

describe('normalizeRule', () => {
  it('drops empty conditions and an unset priority, so a rule reads back as it was stored', () => {
    expect(
      normalizeRule({
        name: 'r',
        when: { categoryCodes: [], channels: ['letter'], districts: [], keywordsAny: undefined },
        then: { unitCode: 'u', priority: undefined },
      }),
    ).toStrictEqual({ name: 'r', when: { channels: ['letter'] }, then: { unitCode: 'u' } });
  });

  it('keeps a priority that is set', () => {
    expect(
      normalizeRule({ name: 'r', when: { keywordsAny: ['x'] }, then: { unitCode: 'u', priority: 'high' } }),
    ).toStrictEqual({
      name: 'r',
      when: { keywordsAny: ['x'] },
      then: { unitCode: 'u', priority: 'high' },
    });
  });
});
