import { Channel, FieldError, foldForSearch, Priority } from '@app/core';

/** One rule as an administrator writes it: when every condition given holds, the case goes to `then.unitCode`. */
export interface RoutingRule {
  name: string;
  when: {
    categoryCodes?: string[];
    channels?: Channel[];
    districts?: string[];
    keywordsAny?: string[];
  };
  then: { unitCode: string; priority?: Priority };
}

/** What routing looks at in a case. */
export interface RoutingFacts {
  categoryCode: string;
  channel: Channel;
  district: string | null;
  subject: string;
  description: string | null;
}

/** Where a case goes, and why: the rule that fired, or its category's unit when none did. */
export interface RouteChoice {
  unitCode: string | null;
  /** Set by the rule, when it names one. */
  priority: Priority | null;
  /** The name of the rule that fired; null when the category decided. */
  rule: string | null;
}

/** A rule ready to match: its texts folded once, when the rule set is loaded, not on every intake. */
export interface CompiledRule {
  rule: RoutingRule;
  categoryCodes: ReadonlySet<string> | null;
  channels: ReadonlySet<string> | null;
  districts: ReadonlySet<string> | null;
  keywords: RegExp | null;
}

/** A rule in one form: conditions with values only, a priority only when set (as stored, as read back). */
export function normalizeRule(rule: RoutingRule): RoutingRule {
  const when = Object.fromEntries(
    Object.entries(rule.when).filter(([, values]) => Array.isArray(values) && values.length > 0),
  ) as RoutingRule['when'];
  const then = rule.then.priority
    ? { unitCode: rule.then.unitCode, priority: rule.then.priority }
    : { unitCode: rule.then.unitCode };
  return { name: rule.name, when, then };
}

export function compileRules(rules: readonly RoutingRule[]): CompiledRule[] {
  return rules.map((rule) => ({
    rule,
    categoryCodes: setOrNull(rule.when.categoryCodes),
    channels: setOrNull(rule.when.channels),
    districts: setOrNull(rule.when.districts?.map(foldDistrict)),
    keywords: keywordPattern(rule.when.keywordsAny),
  }));
}

/**
 * The first rule whose every condition holds decides the unit (and the priority, if it names one); with none, the
 * category's own unit. Within a condition any listed value will do.
 */
export function chooseRoute(
  rules: readonly CompiledRule[],
  facts: RoutingFacts,
  category: { unitCode: string | null },
): RouteChoice {
  const district = facts.district === null ? null : foldDistrict(facts.district);
  let text: string | undefined;
  for (const compiled of rules) {
    if (compiled.categoryCodes && !compiled.categoryCodes.has(facts.categoryCode)) continue;
    if (compiled.channels && !compiled.channels.has(facts.channel)) continue;
    if (compiled.districts && (district === null || !compiled.districts.has(district))) continue;
    if (compiled.keywords) {
      text ??= foldForSearch(`${facts.subject}\n${facts.description ?? ''}`);
      if (!compiled.keywords.test(text)) continue;
    }
    return {
      unitCode: compiled.rule.then.unitCode,
      priority: compiled.rule.then.priority ?? null,
      rule: compiled.rule.name,
    };
  }
  return { unitCode: category.unitCode, priority: null, rule: null };
}

/**
 * What a rule set must satisfy beyond its shape: at least one condition per rule, names that tell rules apart in
 * the history, and only units and categories that exist. Each error names the rule by its index.
 */
export function ruleSetErrors(
  rules: readonly RoutingRule[],
  known: { unitCodes: ReadonlySet<string>; categoryCodes: ReadonlySet<string> },
): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  rules.forEach((rule, index) => {
    const at = `rules[${index}]`;
    const { categoryCodes = [], channels = [], districts = [], keywordsAny = [] } = rule.when;
    if (categoryCodes.length + channels.length + districts.length + keywordsAny.length === 0) {
      errors.push({ field: `${at}.when`, message: 'needs at least one condition' });
    }
    // A value that folds to nothing would match every case (a keyword) or none (a district): a typo, refused.
    for (const [field, values] of [
      ['keywordsAny', keywordsAny],
      ['districts', districts],
    ] as const) {
      if (values.some((value) => foldDistrict(value) === '')) {
        errors.push({ field: `${at}.when.${field}`, message: 'must not be blank' });
      }
    }
    const unknown = categoryCodes.filter((code) => !known.categoryCodes.has(code));
    if (unknown.length)
      errors.push({ field: `${at}.when.categoryCodes`, message: `unknown category ${unknown.join(', ')}` });
    if (!known.unitCodes.has(rule.then.unitCode)) {
      errors.push({ field: `${at}.then.unitCode`, message: `unknown unit ${rule.then.unitCode}` });
    }
    const name = foldDistrict(rule.name);
    if (seen.has(name)) errors.push({ field: `${at}.name`, message: 'another rule has this name' });
    seen.add(name);
  });
  return errors;
}

function setOrNull<T>(values: readonly T[] | undefined): ReadonlySet<T> | null {
  return values?.length ? new Set(values) : null;
}

/** "Wrzeszcz  Górny" and "wrzeszcz gorny" are the same district (and "Wraki" and " wraki" the same rule name). */
function foldDistrict(district: string): string {
  return foldForSearch(district).trim().replace(/\s+/g, ' ');
}

/**
 * Keywords match at the start of a word, so that Polish endings still match ("wrak" finds "wraku", "wraki") while
 * the middle of another word does not. Phrases match with any spacing between their words.
 */
function keywordPattern(keywords: readonly string[] | undefined): RegExp | null {
  if (!keywords?.length) return null;
  const alternatives = keywords.map((keyword) =>
    foldForSearch(keyword)
      .trim()
      .split(/\s+/)
      .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('\\s+'),
  );
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})`, 'u');
}
