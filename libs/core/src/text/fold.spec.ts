import { foldForSearch } from './fold';

describe('foldForSearch', () => {
  it.each([
    ['Źródło Łódź', 'zrodlo lodz'],
    ['ZAŻÓŁĆ GĘŚLĄ JAŹŃ', 'zazolc gesla jazn'],
    ['zażółć gęślą jaźń', 'zazolc gesla jazn'],
    ['Łł', 'll'],
    ['Gdańsk-Oliwa 80-001', 'gdansk-oliwa 80-001'],
    ['e\u0301', 'e'], // already decomposed
    ['', ''],
  ])('folds %j to %j', (text, expected) => {
    expect(foldForSearch(text)).toBe(expected);
  });
});
