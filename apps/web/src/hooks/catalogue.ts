import { useEffect, useState } from 'preact/hooks';
import { get } from '../api/client';
import type { Category, Page, Unit } from '../api/types';

export interface Catalogue {
  categories: Category[];
  units: Unit[];
  categoryName(code: string): string;
  unitName(code: string | null): string;
}

// The catalogue changes rarely: read once per page load, shared by every screen.
let loading: Promise<Catalogue> | null = null;

function loadCatalogue(): Promise<Catalogue> {
  loading ??= Promise.all([get<Page<Category>>('/categories?limit=500'), get<Page<Unit>>('/units?limit=500')]).then(
    ([categories, units]) => {
      const categoryNames = new Map(categories.items.map((category) => [category.code, category.name]));
      const unitNames = new Map(units.items.map((unit) => [unit.code, unit.name]));
      return {
        categories: categories.items,
        units: units.items,
        categoryName: (code) => categoryNames.get(code) ?? code,
        unitName: (code) => (code ? (unitNames.get(code) ?? code) : '—'),
      };
    },
  );
  loading.catch(() => (loading = null));
  return loading;
}

/** The categories and units (null until read). */
export function useCatalogue(): Catalogue | null {
  const [catalogue, setCatalogue] = useState<Catalogue | null>(null);
  useEffect(() => {
    let live = true;
    loadCatalogue().then(
      (loaded) => live && setCatalogue(loaded),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return catalogue;
}
