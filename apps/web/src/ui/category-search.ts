// The very folding the api's search and routing keywords use (a pure function, bundled from its one source).
import { foldForSearch as folded } from '../../../../libs/core/src/text/fold';
import type { Category } from '../api/types';

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
