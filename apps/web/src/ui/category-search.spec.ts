import { describe, expect, it } from '@jest/globals';
import type { Category } from '../api/types';
import { categorySearch } from './category-search';

const category = (code: string, name: string, keywords: string[] = []): Category => ({
  code,
  name,
  unitCode: 'gck',
  keywords,
  sla: { kind: 'working_days', amount: 7 },
});

const CATEGORIES = [
  category('dziura-w-jezdni', 'Dziura w jezdni lub chodniku', ['dziura', 'wyrwa', 'jezdnia']),
  category('oswietlenie', 'Niedziałające oświetlenie uliczne', ['latarnia', 'oświetlenie']),
  category('dowod-osobisty', 'Dowód osobisty', ['dowód', 'dowod osobisty']),
  category('zielen', 'Drzewa i zieleń miejska', ['gałąź', 'drzewo']),
  category('rozklad-jazdy', 'Rozkład jazdy komunikacji miejskiej', ['autobus', 'tramwaj']),
];

describe('the category type-ahead', () => {
  const search = categorySearch(CATEGORIES);
  const codes = (query: string) => search(query).map((found) => found.code);

  it('finds by the start of the name first, then by a word or keyword, typed with or without Polish letters', () => {
    expect(codes('dziura')).toEqual(['dziura-w-jezdni']);
    expect(codes('dowod')).toEqual(['dowod-osobisty']);
    expect(codes('latarnia')).toEqual(['oswietlenie']);
    expect(codes('galaz')).toEqual(['zielen']);
    expect(codes('GAŁĄŹ')).toEqual(['zielen']);
    // "dr…" starts one name and a word of nothing else; "jazd" is inside one name.
    expect(codes('dr')).toEqual(['zielen']);
    expect(codes('miejsk')).toEqual(['zielen', 'rozklad-jazdy']);
  });

  it('needs every word typed to match, and offers the first eight when nothing is typed', () => {
    expect(codes('dziura chodnik')).toEqual(['dziura-w-jezdni']);
    expect(codes('dziura autobus')).toEqual([]);
    expect(codes('  ')).toEqual(CATEGORIES.map((found) => found.code));
  });
});
