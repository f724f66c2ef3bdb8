import { XMLParser } from 'fast-xml-parser';
import { formatCaseNumber } from '@app/cases';
import { API, TestApp } from './support/app';
import { runCli } from './support/cli';
import { answerText, expectNoPersonalData } from './support/leak-scan';

process.env.OPEN311_POSTS_PER_MINUTE = '40';

const V2 = '/open311/v2';
const NUMBER = /^\d{4}-\d{6}-\d$/;
const W3C = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/;
/** A well-formed number no case has. */
const UNKNOWN = formatCaseNumber(2031, 1);

/** Distinctive personal data: found in a public answer, it can only be a leak. */
const RESIDENT = {
  first_name: 'Bożydar',
  last_name: 'Kanarkowski-Zefir',
  email: 'bozydar.kanarek.7q@example.pl',
  phone: '+48 699 013 713',
  description: 'OPIS-KANAREK-5f3a: dziura obok mojego domu, dzwonić po 17',
};
const INTERNAL_NOTE = 'NOTATKA-WEWN-91c2 sąsiad skarży się od roku';
const STAFF = 'roads.worker.zx';
const SECRETS = [
  `${RESIDENT.first_name} ${RESIDENT.last_name}`,
  RESIDENT.last_name,
  RESIDENT.email,
  RESIDENT.phone,
  RESIDENT.description,
  INTERNAL_NOTE,
  STAFF,
];

/** The XML items each list is written as, so that an XML answer reads as its JSON twin. */
const LIST_ITEMS = ['service', 'request', 'attribute', 'value', 'endpoint', 'format', 'error'];
/** Roots that are lists: empty, their element is empty. */
const LIST_ROOTS = ['services', 'service_requests', 'errors'];
const xml = new XMLParser({
  parseTagValue: false,
  trimValues: false,
  isArray: (name) => LIST_ITEMS.includes(name),
});

/**
 * An XML answer as the specification's JSON mapping would give it: the root dropped, each list its items. Scalars
 * stay text (XML has no other kind), so the JSON twin is compared through {@link asText}.
 */
function fromXml(text: string): unknown {
  expect(text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  const document = xml.parse(text) as Record<string, unknown>;
  const [root] = Object.keys(document).filter((key) => key !== '?xml');
  return LIST_ROOTS.includes(root) && document[root] === '' ? [] : unwrap(document[root]);
}

function unwrap(value: unknown): unknown {
  if (value === '' || value === undefined) return '';
  if (Array.isArray(value)) return value.map(unwrap);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value as Record<string, unknown>);
  // A list element holds only its items (or nothing: an empty list).
  if (entries.length === 1 && LIST_ITEMS.includes(entries[0][0]) && Array.isArray(entries[0][1])) {
    return (entries[0][1] as unknown[]).map(unwrap);
  }
  return Object.fromEntries(entries.map(([key, item]) => [key, unwrap(item)]));
}

/** A JSON answer's scalars as XML writes them: text, `true`/`false`, empty for null. */
function asText(value: unknown, listKey?: string): unknown {
  if (value === null) return '';
  if (Array.isArray(value)) return value.length || !listKey ? value.map((item) => asText(item)) : '';
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, asText(item, key)]));
  }
  return String(value);
}

describe('Open311 GeoReport v2', () => {
  let t: TestApp;
  let agent: string;
  let admin: string;
  let roads: string;
  let apiKey: string;
  /** Every answer of a public Open311 read, for the leak scan at the end. */
  const publicAnswers: string[] = [];

  const get = async (path: string, query: Record<string, string> = {}) => {
    const response = await t.http().get(`${V2}/${path}`).query(query);
    publicAnswers.push(answerText(response));
    return response;
  };
  /** Both formats of a read: the same status, and the XML is the JSON's twin. */
  const getBoth = async (path: string, query: Record<string, string> = {}) => {
    const json = await get(`${path}.json`, query);
    const asXml = await get(`${path}.xml`, query);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(asXml.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(asXml.status).toBe(json.status);
    expect(fromXml(asXml.text)).toEqual(asText(json.body));
    return json;
  };
  const post = (fields: Record<string, string | string[]>, format = 'json', from = '10.0.0.1') => {
    const form = new URLSearchParams();
    for (const [key, value] of Object.entries(fields)) {
      for (const item of Array.isArray(value) ? value : [value]) form.append(key, item);
    }
    return t.http().post(`${V2}/requests.${format}`).set('X-Forwarded-For', from).type('form').send(form.toString());
  };
  const potholeReport = (extra: Record<string, string | string[]> = {}) => ({
    api_key: apiKey,
    jurisdiction_id: 'gdansk.pl',
    service_code: 'pothole',
    lat: '54.372158',
    long: '18.638306',
    address_string: 'ul. Długa 1, Gdańsk',
    'attribute[size]': 'large',
    ...extra,
  });
  const createCase = async (body: Record<string, unknown>) => {
    const response = await t
      .http()
      .post(`${API}/cases`)
      .set('Authorization', agent)
      .send({ channel: 'phone', subject: 'Dziura', ...body })
      .expect(201);
    return response.body as { number: string; id: string };
  };
  const transition = (number: string, to: string, extra: Record<string, string> = {}) =>
    t
      .http()
      .post(`${API}/cases/${number}/transitions`)
      .set('Authorization', roads)
      .send({ to, ...extra })
      .expect(200);

  beforeAll(async () => {
    t = await TestApp.start();
    await t.seedCatalogue();
    agent = await t.tokenFor('agent');
    admin = await t.tokenFor('admin');
    roads = await t.tokenFor('unit_staff', 'roads', STAFF);
    await t
      .http()
      .patch(`${API}/categories/pothole`)
      .set('Authorization', admin)
      .send({
        description: 'Holes in roads, pavements and cycle paths',
        keywords: ['hole', 'road'],
        attributes: [
          {
            code: 'hazards',
            description: 'What makes it dangerous?',
            datatype: 'multivaluelist',
            required: false,
            order: 2,
            values: [
              { key: 'water', name: 'Filled with water' },
              { key: 'edge', name: 'Sharp edge' },
            ],
          },
          {
            code: 'size',
            description: 'How big is it?',
            datatype: 'singlevaluelist',
            required: true,
            datatypeDescription: 'Pick the nearest',
            order: 1,
            values: [
              { key: 'small', name: 'Smaller than a hand' },
              { key: 'large', name: 'Larger than a wheel' },
            ],
          },
          { code: 'depth_cm', description: 'Depth in cm', datatype: 'number', required: false, order: 3, values: [] },
        ],
      })
      .expect(200);
    apiKey = await t.addApiKey('fixmystreet');
  });
  afterAll(() => t.stop());

  describe('discovery and services', () => {
    it('discovery names the GeoReport v2 endpoint and both formats', async () => {
      const response = await getBoth('discovery');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        changeset: '2026-11-27T00:00:00+01:00',
        contact: 'Gdańskie Centrum Kontaktu, Urząd Miejski w Gdańsku',
        key_service: 'API keys for posting requests are issued by Gdańskie Centrum Kontaktu on request.',
        endpoints: [
          {
            specification: 'http://wiki.open311.org/GeoReport_v2',
            url: 'http://localhost:3000/open311/v2',
            changeset: '2026-11-27T00:00:00+01:00',
            type: 'production',
            formats: ['text/xml', 'application/json'],
          },
        ],
      });
    });

    it('services are the categories, metadata true where a category asks extra questions', async () => {
      const response = await getBoth('services');
      expect(response.status).toBe(200);
      expect(response.body).toEqual([
        {
          service_code: 'complaint',
          service_name: 'Complaint',
          description: 'Complaint',
          metadata: false,
          type: 'realtime',
          keywords: '',
          group: null,
        },
        {
          service_code: 'id-card',
          service_name: 'ID card',
          description: 'ID card',
          metadata: false,
          type: 'realtime',
          keywords: '',
          group: 'ZOM Śródmieście',
        },
        {
          service_code: 'pothole',
          service_name: 'Pothole',
          description: 'Holes in roads, pavements and cycle paths',
          metadata: true,
          type: 'realtime',
          keywords: 'hole,road',
          group: 'Roads and greenery',
        },
      ]);
      const asXml = await get('services.xml');
      expect(asXml.text).toContain('<service_code>pothole</service_code>');
      expect(asXml.text).toContain('<metadata>true</metadata>');
      expect(asXml.text).toContain('<group/>');
    });

    it('a service definition lists its attributes in order, each with its values element', async () => {
      const response = await getBoth('services/pothole');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        service_code: 'pothole',
        attributes: [
          {
            variable: true,
            code: 'size',
            datatype: 'singlevaluelist',
            required: true,
            datatype_description: 'Pick the nearest',
            order: 1,
            description: 'How big is it?',
            values: [
              { key: 'small', name: 'Smaller than a hand' },
              { key: 'large', name: 'Larger than a wheel' },
            ],
          },
          {
            variable: true,
            code: 'hazards',
            datatype: 'multivaluelist',
            required: false,
            datatype_description: null,
            order: 2,
            description: 'What makes it dangerous?',
            values: [
              { key: 'water', name: 'Filled with water' },
              { key: 'edge', name: 'Sharp edge' },
            ],
          },
          {
            variable: true,
            code: 'depth_cm',
            datatype: 'number',
            required: false,
            datatype_description: null,
            order: 3,
            description: 'Depth in cm',
            values: [],
          },
        ],
      });
      const asXml = await get('services/pothole.xml');
      expect(asXml.text).toContain('<code>depth_cm</code><datatype>number</datatype>');
      expect(asXml.text).toMatch(/<order>3<\/order><description>Depth in cm<\/description><values(\/>|><\/values>)/);
      expect((await getBoth('services/complaint')).body).toEqual({ service_code: 'complaint', attributes: [] });
    });

    it.each([
      ['services/no-such-service', 404, 'There is no service no-such-service.', {}],
      ['services', 404, 'This endpoint serves the jurisdiction gdansk.pl only.', { jurisdiction_id: 'sopot.pl' }],
    ])(
      '%s answers %d in the specification’s error shape, in both formats',
      async (path, status, description, query) => {
        const response = await getBoth(path, query);
        expect(response.status).toBe(status);
        expect(response.body).toEqual([{ code: status, description }]);
        const asXml = await get(`${path}.xml`, query);
        expect(asXml.text).toBe(
          `<?xml version="1.0" encoding="utf-8"?><errors><error><code>${status}</code>` +
            `<description>${description}</description></error></errors>`,
        );
      },
    );

    it('a jurisdiction_id sent empty or as ours is as good as none; an unknown format is 404', async () => {
      expect((await get('services.json', { jurisdiction_id: '' })).status).toBe(200);
      expect((await get('services.json', { jurisdiction_id: 'gdansk.pl' })).status).toBe(200);
      const csv = await get('services.csv');
      expect(csv.status).toBe(404);
      expect(fromXml(csv.text)).toEqual([{ code: '404', description: 'Open311 answers in .xml or .json.' }]);
      expect((await get('services/pothole.html')).status).toBe(404);
    });
  });

  describe('POST requests', () => {
    it('takes a form-encoded report in as an ordinary case of channel open311, routed, with its answers', async () => {
      const before = await t.count('cases');
      const response = await post(
        potholeReport({
          ...RESIDENT,
          'attribute[hazards][]': ['water', 'edge'],
          'attribute[fixmystreet_id]': '4711',
          deviceid: 'fms',
          media_url: 'https://fixmystreet.example/photo/4711.jpeg',
        }),
      );
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      const [created] = response.body as [{ service_request_id: string; service_notice: string }];
      expect(Object.keys(created).sort()).toEqual(['account_id', 'service_notice', 'service_request_id']);
      expect(created.service_request_id).toMatch(NUMBER);
      expect(await t.count('cases')).toBe(before + 1);

      const staffView = await t
        .http()
        .get(`${API}/cases/${created.service_request_id}`)
        .set('Authorization', agent)
        .expect(200);
      expect(staffView.body).toMatchObject({
        channel: 'open311',
        categoryCode: 'pothole',
        unitCode: 'roads',
        status: 'assigned',
        assignee: STAFF,
        subject: RESIDENT.description,
        description: RESIDENT.description,
        resident: {
          name: `${RESIDENT.first_name} ${RESIDENT.last_name}`,
          phone: RESIDENT.phone,
          email: RESIDENT.email,
        },
        location: { address: 'ul. Długa 1, Gdańsk', district: null, lat: 54.372158, lon: 18.638306 },
        attributes: { size: 'large', hazards: ['water', 'edge'] },
        mediaUrl: 'https://fixmystreet.example/photo/4711.jpeg',
      });
      expect(created.service_notice).toBe(
        `Zgłoszenie ${created.service_request_id} przyjęte; termin załatwienia: ${staffView.body.dueDate}. ` +
          `Request ${created.service_request_id} received; due by ${staffView.body.dueDate}.`,
      );
      const history = await t
        .http()
        .get(`${API}/cases/${created.service_request_id}/history`)
        .set('Authorization', agent)
        .expect(200);
      expect(history.body.items.map((event: { type: string; actor: string }) => [event.type, event.actor])).toEqual([
        ['case_created', 'open311:fixmystreet'],
        ['routed', 'open311:fixmystreet'],
      ]);
    });

    it('answers in XML too, and takes parameters from the query string (api_key, jurisdiction_id)', async () => {
      const { api_key: key, jurisdiction_id: jurisdiction, ...fields } = potholeReport({ description: 'Pęknięcie' });
      const form = new URLSearchParams(fields as Record<string, string>).toString();
      const response = await t
        .http()
        .post(`${V2}/requests.xml`)
        .query({ api_key: key, jurisdiction_id: jurisdiction })
        .type('form')
        .send(form)
        .expect(200);
      expect(response.headers['content-type']).toBe('text/xml; charset=utf-8');
      expect(response.text).toMatch(
        /^<\?xml version="1.0" encoding="utf-8"\?><service_requests><request><service_request_id>\d{4}-\d{6}-\d<\/service_request_id><service_notice>[^<]+<\/service_notice><account_id\/><\/request><\/service_requests>$/,
      );
    });

    it('a report without a description takes the service’s name as its subject; an address id stands for an address', async () => {
      const { service_request_id: number } = (
        await post({ api_key: apiKey, service_code: 'complaint', address_id: 'GD-123' }).expect(200)
      ).body[0];
      const staffView = await t.http().get(`${API}/cases/${number}`).set('Authorization', agent).expect(200);
      expect(staffView.body).toMatchObject({
        subject: 'Complaint',
        description: null,
        status: 'new',
        location: { address: 'address_id GD-123', lat: null, lon: null },
        attributes: null,
        mediaUrl: null,
      });
    });

    it.each<[string, Record<string, string | string[]>, number, string[]]>([
      ['no api_key', { api_key: '' }, 403, ['An api_key is required to post a request.']],
      ['a wrong api_key', { api_key: 'o311_' + 'x'.repeat(43) }, 403, ['The api_key is not valid.']],
      ['no service_code', { service_code: '' }, 400, ['service_code is required']],
      ['an unknown service_code', { service_code: 'unicorns' }, 404, ['There is no service unicorns.']],
      [
        'another jurisdiction',
        { jurisdiction_id: 'sopot.pl' },
        404,
        ['This endpoint serves the jurisdiction gdansk.pl only.'],
      ],
      [
        'no location',
        { lat: '', long: '', address_string: '' },
        400,
        ['lat a location is required: lat and long, address_string or address_id'],
      ],
      ['lat without long', { long: '' }, 400, ['long lat and long are given together']],
      ['a latitude off the globe', { lat: '91' }, 400, ['lat must be a decimal number from -90 to 90 (WGS84)']],
      [
        'a description over 4,000 characters',
        { description: 'x'.repeat(4001) },
        400,
        ['description must be at most 4,000 characters'],
      ],
      ['a malformed e-mail', { email: 'not-an-address' }, 400, ['email email must be an e-mail address']],
      [
        'a media_url that is not a web address',
        { media_url: 'javascript:alert(1)' },
        400,
        ['media_url must be an http(s) address of at most 2000'],
      ],
      ['a required attribute unanswered', { 'attribute[size]': '' }, 400, ['attribute[size] is required']],
      [
        'answers that are not among the choices or not numbers',
        { 'attribute[size]': 'huge', 'attribute[hazards][]': ['water', 'fire'], 'attribute[depth_cm]': 'deep' },
        400,
        [
          'attribute[size] huge: not among the choices',
          'attribute[hazards] fire: not among the choices',
          'attribute[depth_cm] must be a number',
        ],
      ],
      [
        'two different service codes',
        { service_code: ['pothole', 'complaint'] },
        400,
        ['service_code is given more than once'],
      ],
      ['a NUL character', { description: 'a\u0000b' }, 400, ['description must not contain NUL characters']],
    ])('refuses %s, in the spec’s shape, storing nothing', async (_, fields, status, descriptions) => {
      const before = await t.count('cases');
      const response = await post(potholeReport(fields));
      expect(response.status).toBe(status);
      expect(response.body).toEqual(descriptions.map((description) => ({ code: status, description })));
      const asXml = await post(potholeReport(fields), 'xml');
      expect(asXml.status).toBe(status);
      expect(fromXml(asXml.text)).toEqual(descriptions.map((description) => ({ code: String(status), description })));
      expect(await t.count('cases')).toBe(before);
    });

    it('refuses JSON values that are not text, and forms of more than 1,000 fields (400), storing nothing', async () => {
      const before = await t.count('cases');
      const json = await t
        .http()
        .post(`${V2}/requests.json`)
        .send({ ...potholeReport(), jurisdiction_id: 1, 'attribute[size]': { large: true } });
      expect(json.status).toBe(400);
      expect(json.body).toEqual([
        { code: 400, description: 'jurisdiction_id must be text' },
        { code: 400, description: 'attribute[size] must be text' },
      ]);
      const crowded = await t.http().post(`${V2}/requests.xml`).type('form').send('a=&'.repeat(300_000));
      expect(crowded.status).toBe(400);
      expect(fromXml(crowded.text)).toEqual([{ code: '400', description: 'A form may have at most 1000 fields.' }]);
      expect(await t.count('cases')).toBe(before);
    });

    it('refuses a body that is not a form or JSON (415) and an oversized one (413), in the spec’s shape', async () => {
      const multipart = await t
        .http()
        .post(`${V2}/requests.json`)
        .set('Content-Type', 'multipart/form-data; boundary=x')
        .send('--x--');
      expect(multipart.status).toBe(415);
      expect(multipart.body).toEqual([{ code: 415, description: expect.stringContaining('Unsupported Media Type') }]);
      const huge = await post(potholeReport({ description: 'x'.repeat(1024 * 1024) }), 'xml');
      expect(huge.status).toBe(413);
      expect(fromXml(huge.text)).toEqual([{ code: '413', description: expect.any(String) }]);
    });

    it('limits the posts of one key per minute (429 with Retry-After), other keys unaffected', async () => {
      const busy = await t.addApiKey('busy-client');
      for (let i = 0; i < 40; i++) await post({ api_key: busy }).expect(400);
      const refused = await post({ api_key: busy });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.body).toEqual([
        { code: 429, description: 'This api_key has posted too many requests; slow down.' },
      ]);
      await post({ api_key: apiKey }).expect(400);
    });
  });

  describe('GET requests', () => {
    let open: string;
    let resolved: string;
    let old: string;
    let hidden: string;
    let viaOpen311: string;

    beforeAll(async () => {
      await t.reset(false);
      await t.seedCatalogue();
      agent = await t.tokenFor('agent');
      roads = await t.tokenFor('unit_staff', 'roads', STAFF);
      apiKey = await t.addApiKey('fixmystreet');
      const resident = {
        name: `${RESIDENT.first_name} ${RESIDENT.last_name}`,
        phone: RESIDENT.phone,
        email: RESIDENT.email,
      };
      const location = { address: 'ul. Grunwaldzka 100', lat: 54.38, lon: 18.6 };
      old = (await createCase({ categoryCode: 'pothole', receivedAt: '2026-06-01T10:00:00+02:00', resident, location }))
        .number;
      open = (await createCase({ categoryCode: 'pothole', description: RESIDENT.description, resident, location }))
        .number;
      resolved = (await createCase({ categoryCode: 'pothole', resident, location })).number;
      hidden = (await createCase({ categoryCode: 'id-card', resident })).number;
      await t
        .http()
        .post(`${API}/cases/${open}/notes`)
        .set('Authorization', agent)
        .send({ body: INTERNAL_NOTE, visibility: 'internal' })
        .expect(201);
      await transition(resolved, 'in_progress');
      await transition(resolved, 'resolved', { resolution: 'Załatane 2026-11-20.' });
      viaOpen311 = (await post(potholeReport({ ...RESIDENT })).expect(200)).body[0].service_request_id;
    });

    const numbersOf = (body: { service_request_id: string }[]) => body.map((item) => item.service_request_id);

    it('lists the public requests of the last 90 days, newest first, with exactly the spec’s fields', async () => {
      const response = await getBoth('requests');
      expect(response.status).toBe(200);
      expect(numbersOf(response.body)).toEqual([viaOpen311, resolved, open]);
      const [, closed] = response.body;
      expect(closed).toEqual({
        service_request_id: resolved,
        status: 'closed',
        status_notes: 'Załatane 2026-11-20.',
        service_name: 'Pothole',
        service_code: 'pothole',
        description: null,
        agency_responsible: 'Roads and greenery',
        service_notice: null,
        requested_datetime: expect.stringMatching(W3C),
        updated_datetime: expect.stringMatching(W3C),
        expected_datetime: expect.stringMatching(W3C),
        address: 'ul. Grunwaldzka 100',
        address_id: null,
        zipcode: null,
        lat: 54.38,
        long: 18.6,
        media_url: null,
      });
      const [{ received_at: receivedAt }] = await t.db.query(`SELECT received_at FROM cases WHERE number = $1`, [
        resolved,
      ]);
      expect(new Date(closed.requested_datetime).getTime()).toBe(Math.floor(receivedAt.getTime() / 1000) * 1000);
      // Europe/Warsaw wall time with its offset, whole seconds.
      expect(closed.requested_datetime).toMatch(/\+0[12]:00$/);
      expect(response.body[2].status).toBe('open');
      expect(response.body[2].status_notes).toBeNull();
    });

    it('filters by status and service_code (comma lists); a private category’s cases never show', async () => {
      expect(numbersOf((await getBoth('requests', { status: 'closed' })).body)).toEqual([resolved]);
      expect(numbersOf((await getBoth('requests', { status: 'open' })).body)).toEqual([viaOpen311, open]);
      expect(numbersOf((await getBoth('requests', { status: 'open,closed' })).body)).toEqual([
        viaOpen311,
        resolved,
        open,
      ]);
      expect((await getBoth('requests', { service_code: 'id-card' })).body).toEqual([]);
      expect(
        numbersOf((await getBoth('requests', { service_code: 'id-card,pothole', status: 'closed' })).body),
      ).toEqual([resolved]);
    });

    it('searches a window of start_date and end_date, of at most 90 days', async () => {
      const june = { start_date: '2026-05-15T00:00:00+02:00', end_date: '2026-06-15T00:00:00Z' };
      expect(numbersOf((await getBoth('requests', june)).body)).toEqual([old]);
      expect(numbersOf((await getBoth('requests', { start_date: '2026-05-20' })).body)).toEqual([old]);
      expect(numbersOf((await getBoth('requests', { end_date: '2026-06-01T07:59:59Z' })).body)).toEqual([]);
      expect(numbersOf((await getBoth('requests', { end_date: '2026-06-01T08:00:00Z' })).body)).toEqual([old]);
    });

    it.each<[Record<string, string>, string[]]>([
      [
        { start_date: '2026-01-01T00:00:00Z', end_date: '2026-04-01T00:00:01Z' },
        ['end_date must be at most 90 days after start_date'],
      ],
      [
        { start_date: '2026-02-01T00:00:00Z', end_date: '2026-01-01T00:00:00Z' },
        ['end_date must not be before start_date'],
      ],
      [
        { start_date: '2026-02-01T00:00:00', status: 'fixed' },
        [
          'start_date must be a W3C date-time with an offset, e.g. 2026-11-01T00:00:00+01:00',
          'status fixed is not open or closed',
        ],
      ],
      [
        { service_request_id: '2026-000001-0' },
        ['service_request_id 2026-000001-0 is not a request id (YYYY-NNNNNN-C, its check digit right)'],
      ],
    ])('refuses %j with 400 in the spec’s shape', async (query, descriptions) => {
      const response = await getBoth('requests', query);
      expect(response.status).toBe(400);
      expect(response.body).toEqual(descriptions.map((description) => ({ code: 400, description })));
    });

    it('service_request_id (a comma list) overrides every other parameter; unknown and private ids are left out', async () => {
      const response = await getBoth('requests', {
        service_request_id: `${old},${hidden},${resolved},${UNKNOWN}`,
        status: 'open',
        start_date: '2020-01-01T00:00:00Z',
        end_date: '2020-01-02T00:00:00Z',
      });
      expect(numbersOf(response.body)).toEqual([resolved, old]);
    });

    it('reads one request as a list of one; a private or unknown one is 404, a wrong check digit 400', async () => {
      const response = await getBoth(`requests/${resolved}`);
      expect(response.status).toBe(200);
      expect(numbersOf(response.body)).toEqual([resolved]);
      expect(response.body[0].status).toBe('closed');
      for (const id of [hidden, UNKNOWN]) {
        const missing = await getBoth(`requests/${id}`);
        expect(missing.status).toBe(404);
        expect(missing.body).toEqual([{ code: 404, description: `There is no public request ${id}.` }]);
      }
      expect((await getBoth('requests/2026-000001-0')).status).toBe(400);
    });

    it('a token (a request’s id) gives the request id of a request posted here; any other token is 404', async () => {
      const [{ id }] = await t.db.query(`SELECT id FROM cases WHERE number = $1`, [viaOpen311]);
      const response = await getBoth(`tokens/${id}`);
      expect(response.status).toBe(200);
      expect(response.body).toEqual([{ service_request_id: viaOpen311, token: id }]);
      const [{ id: phoneCase }] = await t.db.query(`SELECT id FROM cases WHERE number = $1`, [open]);
      for (const token of [phoneCase, 'not-a-token']) {
        const missing = await getBoth(`tokens/${token}`);
        expect(missing.status).toBe(404);
        expect(missing.body).toEqual([{ code: 404, description: `There is no request with the token ${token}.` }]);
      }
    });

    it('no public answer shows a name, phone, e-mail, description, internal note or member of staff', async () => {
      expect(publicAnswers.length).toBeGreaterThan(40);
      expectNoPersonalData(publicAnswers, SECRETS);
    });
  });

  describe('API keys', () => {
    it('api-keys:add prints the key once, alone on the last line; it works until api-keys:revoke', async () => {
      const added = await runCli(['api-keys:add', '--name', 'gdansk-app']);
      expect(added.exitCode).toBe(0);
      const lines = added.out.split('\n');
      const key = lines[lines.length - 1];
      expect(key).toMatch(/^o311_[A-Za-z0-9_-]{43}$/);
      const [stored] = await t.db.query(`SELECT key_hash FROM api_keys WHERE name = 'gdansk-app'`);
      expect(stored.key_hash).not.toContain(key.slice(5, 20));
      await post(potholeReport({ api_key: key })).expect(200);

      const listed = await runCli(['api-keys:list']);
      expect(listed.out).toMatch(/^gdansk-app\tlive\tcreated \S+\tlast used \S+$/m);
      expect(listed.out).not.toContain(key);

      expect((await runCli(['api-keys:add', '--name', 'gdansk-app'])).exitCode).toBe(2);
      expect((await runCli(['api-keys:add', '--name', 'no spaces'])).exitCode).toBe(2);

      const revoked = await runCli(['api-keys:revoke', '--name', 'gdansk-app']);
      expect(revoked.out).toMatch(/^Revoked the Open311 API key gdansk-app/);
      const refused = await post(potholeReport({ api_key: key }));
      expect(refused.status).toBe(403);
      expect((await runCli(['api-keys:revoke', '--name', 'gdansk-app'])).exitCode).toBe(2);
      expect((await runCli(['api-keys:list'])).out).toMatch(/^gdansk-app\trevoked \S+\t/m);
    });

    it('an address that sends 20 wrong keys in an hour is refused even with a right one; others are not', async () => {
      for (let i = 0; i < 20; i++) {
        await post(potholeReport({ api_key: `o311_${String(i).padStart(43, 'y')}` }), 'json', '10.9.9.9').expect(403);
      }
      const refused = await post(potholeReport(), 'json', '10.9.9.9');
      expect(refused.status).toBe(429);
      expect(refused.body).toEqual([{ code: 429, description: 'Too many wrong api_key values.' }]);
      await post(potholeReport(), 'json', '10.9.9.10').expect(200);
    });
  });
});
