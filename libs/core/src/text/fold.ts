/**
 * Lower case without diacritics (ł has no decomposition, so it is mapped by hand): "Źródło" → "zrodlo". Search and
 * the routing rules' keywords and districts compare text in this form.
 */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/ł/g, 'l').replace(/Ł/g, 'L').toLowerCase();
}
