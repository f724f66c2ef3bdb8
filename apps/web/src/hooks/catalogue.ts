import { get } from '../api/client';
import type { Category, Page, Unit } from '../api/types';
import { cachedOnce, useCached } from './cached';

export interface Catalogue {
  categories: Category[];
  units: Unit[];
  categoryName(code: string): string;
  unitName(code: string | null): string;
}

// The catalogue changes rarely: read once per page load.
const readCatalogue = cachedOnce(async (): Promise<Catalogue> => {
  const [categories, units] = await Promise.all([
    get<Page<Category>>('/categories?limit=500'),
    get<Page<Unit>>('/units?limit=500'),
  ]);
  const categoryNames = new Map(categories.items.map((category) => [category.code, category.name]));
  const unitNames = new Map(units.items.map((unit) => [unit.code, unit.name]));
  return {
    categories: categories.items,
    units: units.items,
    categoryName: (code) => categoryNames.get(code) ?? code,
    unitName: (code) => (code ? (unitNames.get(code) ?? code) : '—'),
  };
});

/** The categories and units (null until read), or the problem that kept them away. */
export function useCatalogue() {
  const { value, problem } = useCached(readCatalogue);
  return { catalogue: value, catalogueProblem: problem };
}
