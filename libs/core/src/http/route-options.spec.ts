import { DomainError } from '../errors/domain-error';
import { MAX_FORM_FIELDS, parseFormBody } from './route-options';

describe('parseFormBody', () => {
  it('gives a key its value, or all its values in order when repeated', () => {
    const fields = parseFormBody('a=1&b=x+y&a=2&a=3&c=%C5%BC&__proto__=p&attribute%5Bsize%5D=large');
    expect({ ...fields }).toEqual({
      a: ['1', '2', '3'],
      b: 'x y',
      c: 'ż',
      ['__proto__']: 'p',
      'attribute[size]': 'large',
    });
    expect(Object.getPrototypeOf(fields)).toBeNull();
  });

  it('refuses more fields than any form has, before reading the rest', () => {
    expect(parseFormBody('a=&'.repeat(MAX_FORM_FIELDS)).a).toHaveLength(MAX_FORM_FIELDS);
    expect(() => parseFormBody('a=&'.repeat(MAX_FORM_FIELDS + 1))).toThrow(DomainError);
    expect(() => parseFormBody('a=&'.repeat(300_000))).toThrow('A form may have at most 1000 fields.');
  });
});
