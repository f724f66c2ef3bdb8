import { renderOpen311, splitResourceFile, w3cDateTime } from './open311-document';

describe('renderOpen311', () => {
  const services = [
    { service_code: 'a&b', metadata: true, group: null, keywords: 'x,y' },
    { service_code: '007', metadata: false, group: 'Roads', keywords: '' },
  ];

  it('writes JSON as it is: codes strings, booleans booleans, nulls null', () => {
    expect(renderOpen311('services', services, 'json')).toBe(JSON.stringify(services));
  });

  it('writes XML from it: the root, each list item as its element, true/false, empty elements for null', () => {
    expect(renderOpen311('services', services, 'xml')).toBe(
      '<?xml version="1.0" encoding="utf-8"?><services>' +
        '<service><service_code>a&amp;b</service_code><metadata>true</metadata><group/><keywords>x,y</keywords></service>' +
        '<service><service_code>007</service_code><metadata>false</metadata><group>Roads</group><keywords/></service>' +
        '</services>',
    );
  });

  it('writes nested lists and objects, and drops characters XML cannot carry', () => {
    expect(
      renderOpen311(
        'service_definition',
        { service_code: 'p', attributes: [{ code: 'size', order: 1, values: [] }], note: 'a\u0001b<' },
        'xml',
      ),
    ).toBe(
      '<?xml version="1.0" encoding="utf-8"?><service_definition><service_code>p</service_code>' +
        '<attributes><attribute><code>size</code><order>1</order><values/></attribute></attributes>' +
        '<note>a\uFFFDb&lt;</note></service_definition>',
    );
  });

  it('writes an empty list as an empty root', () => {
    expect(renderOpen311('service_requests', [], 'xml')).toMatch(/<service_requests(\/>|><\/service_requests>)$/);
  });
});

describe('w3cDateTime', () => {
  it('is the Warsaw wall time with its offset, in whole seconds, on both sides of the clock change', () => {
    expect(w3cDateTime(new Date('2026-03-29T00:59:59.999Z'))).toBe('2026-03-29T01:59:59+01:00');
    expect(w3cDateTime(new Date('2026-03-29T01:00:00Z'))).toBe('2026-03-29T03:00:00+02:00');
    expect(w3cDateTime(new Date('2026-10-25T00:30:00Z'))).toBe('2026-10-25T02:30:00+02:00');
    expect(w3cDateTime(new Date('2026-10-25T01:30:00Z'))).toBe('2026-10-25T02:30:00+01:00');
  });
});

describe('splitResourceFile', () => {
  it('splits at the last dot, so codes may hold dots; only xml and json are formats', () => {
    expect(splitResourceFile('road.pothole.json')).toEqual({ name: 'road.pothole', format: 'json' });
    expect(splitResourceFile('2026-000017-9.xml')).toEqual({ name: '2026-000017-9', format: 'xml' });
    expect(splitResourceFile('pothole.csv')).toBeNull();
    expect(splitResourceFile('.json')).toBeNull();
    expect(splitResourceFile('pothole')).toBeNull();
  });
});
