import type { CreateCategoryDto, CreateUnitDto } from '@app/catalogue';
import type { RoutingRule } from '@app/routing';
import type { CreateOfficeDto, CreateVisitServiceDto, OpeningHoursDto } from '@app/visits';

/**
 * DEMO DATA: a starter catalogue shaped like Gdańsk's contact centre and its partner units. Names are indicative;
 * a real deployment replaces them through the catalogue API.
 */
export const DEMO_UNITS: CreateUnitDto[] = [
  { code: 'gck', name: 'Gdańskie Centrum Kontaktu (contact centre)' },
  { code: 'zom-srodmiescie', name: 'ZOM Śródmieście (resident-service office)' },
  { code: 'zom-wrzeszcz', name: 'ZOM Wrzeszcz (resident-service office)' },
  { code: 'zom-przymorze', name: 'ZOM Przymorze (resident-service office)' },
  { code: 'zom-piecki-migowo', name: 'ZOM Piecki-Migowo (resident-service office)' },
  { code: 'zom-pojazdy', name: 'ZOM – rejestracja pojazdów (vehicle registration)' },
  { code: 'usc', name: 'Urząd Stanu Cywilnego (civil registry)' },
  { code: 'gzdiz', name: 'Gdański Zarząd Dróg i Zieleni (roads and greenery)' },
  { code: 'gzdiz-polnoc', name: 'GZDiZ – rejon północny: Oliwa, Przymorze, Żabianka (roads, northern district)' },
  { code: 'straz-miejska', name: 'Straż Miejska w Gdańsku (municipal police)' },
  { code: 'ztm', name: 'Zarząd Transportu Miejskiego (public transport)' },
  { code: 'nieruchomosci', name: 'Gdańskie Nieruchomości (city property)' },
  { code: 'mopr', name: 'Miejski Ośrodek Pomocy Rodzinie (social benefits)' },
  { code: 'zarzadzanie-kryzysowe', name: 'Wydział Zarządzania Kryzysowego (crisis management)' },
];

type DemoCategory = Pick<CreateCategoryDto, 'code' | 'name' | 'sla' | 'description' | 'attributes'> & {
  unitCode: string | null;
  keywords: string[];
  public?: boolean;
};

/** SLA policies follow the KPA where it applies (a month for an ordinary matter, art. 35 §3). One a line: a table. */
// prettier-ignore
const DEMO_CATEGORY_TABLE: DemoCategory[] = [
  { code: 'informacja', name: 'Informacja ogólna', unitCode: 'gck', sla: { kind: 'working_days', amount: 1 }, keywords: ['pytanie', 'informacja', 'godziny otwarcia'] },
  { code: 'dowod-osobisty', name: 'Dowód osobisty', unitCode: 'zom-srodmiescie', sla: { kind: 'working_days', amount: 30 }, keywords: ['dowód', 'dowod osobisty'] },
  { code: 'meldunek', name: 'Zameldowanie i wymeldowanie', unitCode: 'zom-wrzeszcz', sla: { kind: 'months', amount: 1 }, keywords: ['meldunek', 'zameldowanie', 'wymeldowanie'] },
  { code: 'karta-mieszkanca', name: 'Karta Mieszkańca', unitCode: 'zom-przymorze', sla: { kind: 'working_days', amount: 14 }, keywords: ['karta mieszkańca'] },
  { code: 'rejestracja-pojazdu', name: 'Rejestracja pojazdu', unitCode: 'zom-pojazdy', sla: { kind: 'calendar_days', amount: 30 }, keywords: ['rejestracja', 'samochód', 'tablice'] },
  { code: 'prawo-jazdy', name: 'Prawo jazdy', unitCode: 'zom-pojazdy', sla: { kind: 'months', amount: 1 }, keywords: ['prawo jazdy'] },
  { code: 'akt-stanu-cywilnego', name: 'Odpis aktu stanu cywilnego', unitCode: 'usc', sla: { kind: 'working_days', amount: 7 }, keywords: ['akt urodzenia', 'akt małżeństwa', 'akt zgonu'] },
  { code: 'slub', name: 'Ślub cywilny', unitCode: 'usc', sla: { kind: 'months', amount: 1 }, keywords: ['ślub', 'małżeństwo'] },
  { code: 'dziura-w-jezdni', name: 'Dziura w jezdni lub chodniku', unitCode: 'gzdiz', sla: { kind: 'working_days', amount: 7 }, keywords: ['dziura', 'jezdnia', 'chodnik', 'ubytek'], public: true },
  { code: 'oswietlenie', name: 'Niedziałające oświetlenie uliczne', unitCode: 'gzdiz', sla: { kind: 'working_days', amount: 5 }, keywords: ['latarnia', 'oświetlenie'], public: true },
  { code: 'zielen', name: 'Drzewa i zieleń miejska', unitCode: 'gzdiz', sla: { kind: 'working_days', amount: 14 }, keywords: ['drzewo', 'trawnik', 'krzewy'], public: true },
  { code: 'odsniezanie', name: 'Odśnieżanie i śliskość', unitCode: 'gzdiz', sla: { kind: 'hours', amount: 24 }, keywords: ['śnieg', 'gołoledź', 'oblodzenie'], public: true },
  { code: 'nielegalne-parkowanie', name: 'Nieprawidłowe parkowanie', unitCode: 'straz-miejska', sla: { kind: 'hours', amount: 4 }, keywords: ['parkowanie', 'blokuje', 'samochód na chodniku'], public: true },
  { code: 'dzikie-wysypisko', name: 'Dzikie wysypisko śmieci', unitCode: 'straz-miejska', sla: { kind: 'working_days', amount: 7 }, keywords: ['śmieci', 'wysypisko', 'odpady'], public: true },
  { code: 'halas', name: 'Zakłócanie ciszy', unitCode: 'straz-miejska', sla: { kind: 'hours', amount: 12 }, keywords: ['hałas', 'cisza nocna'] },
  { code: 'rozklad-jazdy', name: 'Rozkład jazdy i przystanki', unitCode: 'ztm', sla: { kind: 'working_days', amount: 7 }, keywords: ['autobus', 'tramwaj', 'przystanek', 'rozkład'] },
  { code: 'bilety', name: 'Bilety i opłaty dodatkowe', unitCode: 'ztm', sla: { kind: 'months', amount: 1 }, keywords: ['bilet', 'kontrola biletów', 'opłata dodatkowa'] },
  { code: 'lokal-komunalny', name: 'Lokal komunalny', unitCode: 'nieruchomosci', sla: { kind: 'months', amount: 1 }, keywords: ['mieszkanie', 'lokal', 'czynsz'] },
  { code: 'swiadczenia', name: 'Świadczenia i pomoc społeczna', unitCode: 'mopr', sla: { kind: 'months', amount: 1 }, keywords: ['zasiłek', 'pomoc', 'świadczenie'] },
  { code: 'zagrozenie', name: 'Zagrożenie (powalone drzewo, podtopienie)', unitCode: 'zarzadzanie-kryzysowe', sla: { kind: 'hours', amount: 2 }, keywords: ['zagrożenie', 'powódź', 'podtopienie', 'wichura'], public: true },
  { code: 'skarga', name: 'Skarga (KPA)', unitCode: null, sla: { kind: 'months', amount: 1 }, keywords: ['skarga'] },
  { code: 'wniosek', name: 'Wniosek (KPA)', unitCode: null, sla: { kind: 'months', amount: 1 }, keywords: ['wniosek'] },
  { code: 'petycja', name: 'Petycja', unitCode: null, sla: { kind: 'months', amount: 3 }, keywords: ['petycja'] },
];

/** What some public categories tell and ask Open311 clients (their service definitions). */
const DEMO_SERVICE_DETAILS: Record<string, Pick<DemoCategory, 'description' | 'attributes'>> = {
  'dziura-w-jezdni': {
    description: 'Ubytek w nawierzchni jezdni, chodnika lub ścieżki rowerowej.',
    attributes: [
      {
        code: 'wielkosc',
        description: 'Jak duży jest ubytek?',
        datatype: 'singlevaluelist',
        required: true,
        order: 1,
        values: [
          { key: 'maly', name: 'Mniejszy niż dłoń' },
          { key: 'sredni', name: 'Wielkości koła samochodu' },
          { key: 'duzy', name: 'Większy niż koło samochodu' },
        ],
      },
      {
        code: 'nawierzchnia',
        description: 'Gdzie jest ubytek?',
        datatype: 'multivaluelist',
        required: false,
        order: 2,
        values: [
          { key: 'jezdnia', name: 'Jezdnia' },
          { key: 'chodnik', name: 'Chodnik' },
          { key: 'droga-rowerowa', name: 'Droga rowerowa' },
        ],
      },
    ],
  },
  oswietlenie: {
    description: 'Latarnia nie świeci, miga lub świeci w dzień.',
    attributes: [
      {
        code: 'numer-slupa',
        description: 'Numer słupa (tabliczka na latarni), jeśli widoczny',
        datatype: 'string',
        required: false,
        datatypeDescription: 'np. GD-12345',
        order: 1,
        values: [],
      },
    ],
  },
};

export const DEMO_CATEGORIES: DemoCategory[] = DEMO_CATEGORY_TABLE.map((category) => ({
  ...category,
  ...DEMO_SERVICE_DETAILS[category.code],
}));

/** DEMO DATA: one account per role, all with {@link DEMO_PASSWORD}. Never load this into a live system. */
export const DEMO_PASSWORD = 'demo-password';
export const DEMO_USERS = [
  { username: 'demo.agent', role: 'agent', unitCode: null },
  { username: 'demo.supervisor', role: 'supervisor', unitCode: null },
  { username: 'demo.admin', role: 'admin', unitCode: null },
  { username: 'demo.gzdiz', role: 'unit_staff', unitCode: 'gzdiz' },
  { username: 'demo.gzdiz.2', role: 'unit_staff', unitCode: 'gzdiz' },
  { username: 'demo.gzdiz.3', role: 'unit_staff', unitCode: 'gzdiz' },
  { username: 'demo.gzdiz.polnoc', role: 'unit_staff', unitCode: 'gzdiz-polnoc' },
  { username: 'demo.straz', role: 'unit_staff', unitCode: 'straz-miejska' },
  { username: 'demo.straz.2', role: 'unit_staff', unitCode: 'straz-miejska' },
  { username: 'demo.zom', role: 'unit_staff', unitCode: 'zom-srodmiescie' },
] as const;

/** DEMO DATA: routing rules of the kind a contact centre keeps; the first that matches a case decides. */
// prettier-ignore
export const DEMO_ROUTING_RULES: RoutingRule[] = [
  { name: 'Porzucone pojazdy → Straż Miejska', when: { keywordsAny: ['wrak', 'porzucony pojazd', 'porzucony samochód', 'porzucone auto'] }, then: { unitCode: 'straz-miejska' } },
  { name: 'Zagrożenie życia lub mienia → pilne', when: { keywordsAny: ['powalone drzewo', 'zerwana linia', 'podtopienie', 'zalana piwnica'] }, then: { unitCode: 'zarzadzanie-kryzysowe', priority: 'urgent' } },
  { name: 'Drogi w rejonie północnym', when: { categoryCodes: ['dziura-w-jezdni', 'oswietlenie', 'odsniezanie'], districts: ['Oliwa', 'Przymorze Wielkie', 'Przymorze Małe', 'Żabianka-Wejhera-Jelitkowo-Tysiąclecia'] }, then: { unitCode: 'gzdiz-polnoc' } },
  { name: 'Meldunek w dzielnicach północnych → ZOM Przymorze', when: { categoryCodes: ['meldunek'], districts: ['Oliwa', 'Przymorze Wielkie', 'Przymorze Małe'] }, then: { unitCode: 'zom-przymorze' } },
  { name: 'Skargi i wnioski z wrzutni → GCK', when: { categoryCodes: ['skarga', 'wniosek'], channels: ['letter', 'drop_box'] }, then: { unitCode: 'gck' } },
];

type DemoOffice = CreateOfficeDto & Pick<OpeningHoursDto, 'weekly'>;

/** Monday until 18:00 for those who work, other weekdays until 16:00: the offices' usual week. */
const RESIDENT_SERVICE_WEEK = {
  '1': [['08:00', '18:00']],
  '2': [['08:00', '16:00']],
  '3': [['08:00', '16:00']],
  '4': [['08:00', '16:00']],
  '5': [['08:00', '16:00']],
} satisfies OpeningHoursDto['weekly'];

/** DEMO DATA: the four resident-service offices, vehicle registration and the civil registry (indicative). */
export const DEMO_OFFICES: DemoOffice[] = [
  {
    code: 'zom-srodmiescie',
    name: 'ZOM Śródmieście',
    address: 'ul. Nowe Ogrody 8/12, 80-803 Gdańsk',
    desks: 8,
    weekly: RESIDENT_SERVICE_WEEK,
  },
  {
    code: 'zom-wrzeszcz',
    name: 'ZOM Wrzeszcz',
    address: 'ul. Partyzantów 74, 80-254 Gdańsk',
    desks: 6,
    weekly: RESIDENT_SERVICE_WEEK,
  },
  {
    code: 'zom-przymorze',
    name: 'ZOM Przymorze',
    address: 'ul. Kołobrzeska 41C, 80-390 Gdańsk',
    desks: 5,
    weekly: RESIDENT_SERVICE_WEEK,
  },
  {
    code: 'zom-piecki-migowo',
    name: 'ZOM Piecki-Migowo',
    address: 'ul. Jaśkowa Dolina 2, 80-252 Gdańsk',
    desks: 4,
    weekly: RESIDENT_SERVICE_WEEK,
  },
  {
    code: 'zom-pojazdy',
    name: 'Rejestracja pojazdów',
    address: 'ul. Partyzantów 74, 80-254 Gdańsk',
    desks: 10,
    weekly: { ...RESIDENT_SERVICE_WEEK, '1': [['08:00', '17:00']], '6': [['09:00', '13:00']] },
  },
  {
    code: 'usc',
    name: 'Urząd Stanu Cywilnego',
    address: 'ul. Nowe Ogrody 8/12, 80-803 Gdańsk',
    desks: 4,
    weekly: RESIDENT_SERVICE_WEEK,
  },
];

const ZOMS = ['zom-srodmiescie', 'zom-wrzeszcz', 'zom-przymorze', 'zom-piecki-migowo'];

export const DEMO_VISIT_SERVICES: CreateVisitServiceDto[] = [
  { code: 'dowod-osobisty', name: 'Wniosek o dowód osobisty', durationMinutes: 15, officeCodes: ZOMS },
  { code: 'odbior-dowodu', name: 'Odbiór dowodu osobistego', durationMinutes: 10, officeCodes: ZOMS },
  { code: 'meldunek', name: 'Zameldowanie lub wymeldowanie', durationMinutes: 20, officeCodes: ZOMS },
  { code: 'rejestracja-pojazdu', name: 'Rejestracja pojazdu', durationMinutes: 30, officeCodes: ['zom-pojazdy'] },
  { code: 'prawo-jazdy', name: 'Prawo jazdy: wniosek lub odbiór', durationMinutes: 20, officeCodes: ['zom-pojazdy'] },
  { code: 'odpis-aktu', name: 'Odpis aktu stanu cywilnego', durationMinutes: 15, officeCodes: ['usc'] },
  { code: 'rejestracja-urodzenia', name: 'Rejestracja urodzenia dziecka', durationMinutes: 30, officeCodes: ['usc'] },
  {
    code: 'zapewnienie-malzenstwo',
    name: 'Zapewnienie o braku przeszkód do zawarcia małżeństwa',
    durationMinutes: 45,
    officeCodes: ['usc'],
  },
];
