// The browser's storage, which may refuse (private mode, a full quota): then a value lasts for this page only.

type Area = 'local' | 'session';

const areaOf = (area: Area): Storage => (area === 'local' ? localStorage : sessionStorage);

export function readStored<T>(area: Area, key: string): T | null {
  try {
    return JSON.parse(areaOf(area).getItem(key) ?? 'null') as T | null;
  } catch {
    return null;
  }
}

export function writeStored(area: Area, key: string, value: unknown): void {
  try {
    areaOf(area).setItem(key, JSON.stringify(value));
  } catch {
    // refused: see above
  }
}

export function removeStored(area: Area, key: string): void {
  try {
    areaOf(area).removeItem(key);
  } catch {
    // refused: see above
  }
}

/** Forgets everything this tab kept (on signing out): the session, unsent forms. */
export function forgetTab(): void {
  try {
    sessionStorage.clear();
  } catch {
    // refused: nothing was kept
  }
}
