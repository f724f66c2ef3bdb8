import type { Category } from '../api/types';

/** Lower case without Polish diacritics (ł does not decompose, so it is mapped by hand): „Dziura” ~ „dziura”, „łódź” ~ „lodz”. */
export function folded(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/ł/g, 'l').replace(/Ł/g, 'l').toLowerCase();
}

interface Indexed {
  category: Category;
  name: string;
  words: string[];
}

/** Categories matching what an agent typed, best first: by name, then by a word of the name or a keyword, then code. */
export function categorySearch(categories: Category[]): (query: string) => Category[] {
  const index: Indexed[] = categories.map((category) => ({
    category,
    name: folded(category.name),
    words: [category.name, ...category.keywords, category.code.replace(/[-_.]/g, ' ')].flatMap((text) =>
      folded(text).split(/\s+/),
    ),
  }));
  return (query) => {
    const terms = folded(query).trim().split(/\s+/).filter(Boolean);
    if (!terms.length) return categories.slice(0, 8);
    const scored: { category: Category; score: number }[] = [];
    for (const entry of index) {
      if (!terms.every((term) => entry.words.some((word) => word.startsWith(term)) || entry.name.includes(term)))
        continue;
      const score = entry.name.startsWith(terms[0]) ? 0 : entry.name.includes(terms[0]) ? 1 : 2;
      scored.push({ category: entry.category, score });
    }
    return scored
      .sort((a, b) => a.score - b.score || a.category.name.localeCompare(b.category.name, 'pl'))
      .slice(0, 8)
      .map((entry) => entry.category);
  };
}
