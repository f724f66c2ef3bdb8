import { DomainError } from '@app/core';
import { open311Fields, readServiceRequest, residentName, subjectOf } from './service-request';

function errorsOf(fields: Record<string, string | string[]>): unknown {
  try {
    readServiceRequest(fields);
  } catch (error) {
    return (error as DomainError).details.errors;
  }
  throw new Error('accepted');
}

describe('readServiceRequest', () => {
  it('reads the specification’s parameters; empty ones count as not sent, unknown ones are let be', () => {
    expect(
      readServiceRequest({
        service_code: ' pothole ',
        lat: '54.372158',
        long: '-18.6',
        address_string: '',
        first_name: 'Anna',
        last_name: '',
        description: 'Deep hole',
        media_url: ['https://example.pl/1.jpeg', 'https://example.pl/2.jpeg'],
        'attribute[size]': 'large',
        'attribute[hazards][]': ['water', ' ', 'edge'],
        'attribute[hazards]': 'ice',
        'attribute[constructor]': 'x',
        deviceid: 'fms',
      }),
    ).toEqual({
      serviceCode: 'pothole',
      description: 'Deep hole',
      lat: 54.372158,
      long: -18.6,
      addressString: null,
      addressId: null,
      email: null,
      firstName: 'Anna',
      lastName: null,
      phone: null,
      mediaUrl: 'https://example.pl/1.jpeg',
      attributes: { size: ['large'], hazards: ['water', 'edge', 'ice'], constructor: ['x'] },
    });
  });

  it('needs a service and a location: lat and long together, an address or an address id', () => {
    expect(errorsOf({})).toEqual([
      { field: 'service_code', message: 'is required' },
      { field: 'lat', message: 'a location is required: lat and long, address_string or address_id' },
    ]);
    expect(errorsOf({ service_code: 'x', lat: '54.3' })).toEqual([
      { field: 'long', message: 'lat and long are given together' },
    ]);
    expect(readServiceRequest({ service_code: 'x', address_id: 'A1' }).addressId).toBe('A1');
  });

  it('refuses coordinates off the globe or not decimal, a long description, a non-web media_url, a repeated code', () => {
    expect(
      errorsOf({
        service_code: ['a', 'b'],
        lat: '90.0001',
        long: '1e2',
        description: 'x'.repeat(4001),
        media_url: 'ftp://example.pl/a.jpeg',
      }),
    ).toEqual([
      { field: 'service_code', message: 'is given more than once' },
      { field: 'lat', message: 'must be a decimal number from -90 to 90 (WGS84)' },
      { field: 'long', message: 'must be a decimal number from -180 to 180 (WGS84)' },
      { field: 'media_url', message: 'must be an http(s) address of at most 2000' },
      { field: 'description', message: 'must be at most 4,000 characters' },
    ]);
    expect(readServiceRequest({ service_code: ['a', 'a'], lat: '-90', long: '180' }).serviceCode).toBe('a');
  });
});

describe('open311Fields', () => {
  it('merges the query and the body (the body wins), each value text or a list of texts', () => {
    const fields = open311Fields({ api_key: 'q', jurisdiction_id: 'gdansk.pl' }, { api_key: 'b', status: ['a', 'b'] });
    expect({ ...fields }).toEqual({ api_key: 'b', jurisdiction_id: 'gdansk.pl', status: ['a', 'b'] });
    expect(Object.getPrototypeOf(fields)).toBeNull();
    expect({ ...open311Fields({}, undefined) }).toEqual({});
  });

  it('refuses numbers, nulls, objects and mixed lists from a JSON body, by name', () => {
    let errors: unknown;
    try {
      open311Fields({}, { jurisdiction_id: 1, lat: null, 'attribute[size]': {}, status: ['open', 2], ok: 'x' });
    } catch (error) {
      errors = (error as DomainError).details.errors;
    }
    expect(errors).toEqual([
      { field: 'jurisdiction_id', message: 'must be text' },
      { field: 'lat', message: 'must be text' },
      { field: 'attribute[size]', message: 'must be text' },
      { field: 'status', message: 'must be text' },
    ]);
    expect(() => open311Fields({}, ['a'])).toThrow(DomainError);
  });
});

describe('subjectOf', () => {
  it('is the description’s first line, cut at a word near 200 characters, or the service’s name', () => {
    expect(subjectOf('Hole\nby the stop', 'Pothole')).toBe('Hole');
    expect(subjectOf(null, 'Pothole')).toBe('Pothole');
    expect(subjectOf('  \nsecond', 'Pothole')).toBe('Pothole');
    const long = `${'word '.repeat(60)}end`;
    const subject = subjectOf(long, 'Pothole');
    expect(subject).toBe(`${'word '.repeat(39).trimEnd()}…`);
    expect(subject.length).toBeLessThanOrEqual(200);
    expect(subjectOf('x'.repeat(250), 'Pothole')).toBe(`${'x'.repeat(199)}…`);
  });
});

describe('residentName', () => {
  it('joins the parts given', () => {
    expect(residentName('Anna', 'Nowak')).toBe('Anna Nowak');
    expect(residentName(null, 'Nowak')).toBe('Nowak');
    expect(residentName(null, null)).toBeNull();
  });
});
