'use strict';
// `node bench/history-csv.js [--year 2020] [--scale 1] > history.csv`: a year of contact-centre history in the import
// format of POST /api/v1/imports/cases, for the demo catalogue (npm start loads it). Deterministic (seeded), so the
// same file comes out every time: 2020 has the Gdańsk Contact Centre's record month, June, with 12,369 cases.
// Cases are received on weekdays mostly, in office hours mostly, all resolved or closed a few days later (some late).
const { DateTime } = require('luxon');

/** Cases per month of 2020 (June: the record); other years get the same shape. */
const MONTHLY_2020 = [9812, 9405, 11207, 10118, 11032, 12369, 11540, 10276, 11118, 11604, 10893, 9214];

const CHANNELS = [
  ['phone', 55],
  ['email', 20],
  ['web', 8],
  ['chat', 5],
  ['in_person', 4],
  ['letter', 3],
  ['drop_box', 2],
  ['mobile_app', 2],
  ['social', 1],
];
/** Demo categories (libs/demo-data), with a weight, a typical subject and days to settle. */
const CATEGORIES = [
  ['informacja', 30, 'Pytanie o godziny otwarcia urzędu', 1],
  ['dowod-osobisty', 12, 'Odbiór dowodu osobistego', 14],
  ['meldunek', 6, 'Zameldowanie na pobyt stały', 10],
  ['karta-mieszkanca', 6, 'Wniosek o Kartę Mieszkańca', 7],
  ['rejestracja-pojazdu', 8, 'Rejestracja samochodu sprowadzonego z Niemiec', 12],
  ['prawo-jazdy', 4, 'Wymiana prawa jazdy', 14],
  ['akt-stanu-cywilnego', 5, 'Odpis skrócony aktu urodzenia', 4],
  ['dziura-w-jezdni', 7, 'Dziura w jezdni na ul. Grunwaldzkiej', 6],
  ['oswietlenie', 4, 'Nie świeci latarnia przy przystanku', 4],
  ['zielen', 3, 'Złamana gałąź nad chodnikiem', 9],
  ['nielegalne-parkowanie', 5, 'Samochód blokuje wjazd do garażu', 0],
  ['dzikie-wysypisko', 2, 'Dzikie wysypisko w lesie przy ul. Słowackiego', 5],
  ['rozklad-jazdy', 4, 'Autobus 199 nie przyjechał zgodnie z rozkładem', 5],
  ['skarga', 2, 'Skarga na sposób obsługi', 20],
  ['wniosek', 2, 'Wniosek o ustawienie ławki', 25],
];

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
}

/** A small seeded generator (mulberry32): the same history every run. */
function seeded(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted(random, items) {
  const total = items.reduce((sum, item) => sum + item[1], 0);
  let point = random() * total;
  for (const item of items) if ((point -= item[1]) < 0) return item;
  return items[items.length - 1];
}

/** RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled. */
function field(value) {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Europe/Warsaw's offset (minutes) per UTC hour: it changes only on whole hours. */
const offsets = new Map();
function warsawIso(ms) {
  const hour = Math.floor(ms / 3_600_000);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    offset = DateTime.fromMillis(ms, { zone: 'Europe/Warsaw' }).offset;
    offsets.set(hour, offset);
  }
  const local = new Date(ms + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

function* history(year, scale) {
  const random = seeded(year);
  let ref = 0;
  for (let month = 1; month <= 12; month++) {
    const days = DateTime.fromObject({ year, month }, { zone: 'Europe/Warsaw' }).daysInMonth;
    // Weekdays weigh 5, Saturdays 1, Sundays 0.5: spread the month's cases over its days by weight.
    const weights = Array.from({ length: days }, (_, day) => {
      const weekday = DateTime.fromObject({ year, month, day: day + 1 }, { zone: 'Europe/Warsaw' }).weekday;
      return weekday <= 5 ? 5 : weekday === 6 ? 1 : 0.5;
    });
    const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
    const cases = Math.round(MONTHLY_2020[month - 1] * scale);
    let given = 0;
    for (let day = 1; day <= days; day++) {
      const count =
        day === days
          ? cases - given
          : Math.round((cases * weights.slice(0, day).reduce((a, b) => a + b, 0)) / weightSum) - given;
      given += count;
      const midnight = DateTime.fromObject({ year, month, day }, { zone: 'Europe/Warsaw' }).toMillis();
      for (let index = 0; index < count; index++) {
        // Office hours mostly (8:00–18:00), some evening and night.
        const minute = random() < 0.85 ? 480 + Math.floor(random() * 600) : Math.floor(random() * 1440);
        // Time since local midnight: on the days clocks change, an hour more or less of it, as it was.
        const received = midnight + minute * 60_000 + Math.floor(random() * 60) * 1000;
        const [channel] = weighted(random, CHANNELS);
        const [category, , subject, settleDays] = weighted(random, CATEGORIES);
        const resolved = received + Math.floor(random() * 24 * (settleDays * 1.6 + 1)) * 3_600_000;
        const status = random() < 0.7 ? 'closed' : 'resolved';
        const description =
          random() < 0.3
            ? ''
            : random() < 0.1
              ? `Mieszkaniec prosi o kontakt, "pilne", tel. w zgłoszeniu\nlinia 2`
              : subject + '.';
        ref++;
        yield [
          `gck-${year}-${String(ref).padStart(6, '0')}`,
          warsawIso(received),
          channel,
          category,
          subject,
          description,
          status,
          warsawIso(resolved),
        ];
      }
    }
  }
}

function main() {
  const year = option('year', 2020);
  if (year >= new Date().getFullYear()) throw new Error('A past year, please: history is over.');
  const scale = option('scale', 1);
  const out = process.stdout;
  let buffer = 'external_ref,received_at,channel,category_code,subject,description,status,resolved_at\n';
  for (const row of history(year, scale)) {
    buffer += row.map(field).join(',') + '\n';
    if (buffer.length > 1 << 16) {
      out.write(buffer);
      buffer = '';
    }
  }
  out.write(buffer);
}

if (require.main === module) main();
module.exports = { MONTHLY_2020 };
