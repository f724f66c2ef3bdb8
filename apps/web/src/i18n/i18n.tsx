import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { readStored, writeStored } from '../storage';
import { CATALOGUES, type MessageKey } from './messages';
import { TIME_ZONE } from './warsaw-time';

export type { MessageKey };
type Language = 'pl' | 'en';
type Params = Record<string, string | number>;

/** Dates and numbers as people in Poland read them; English pages keep the day-month order (en-GB). */
const LOCALES: Record<Language, string> = { pl: 'pl-PL', en: 'en-GB' };
const LANGUAGE_KEY = 'cc.language';

export interface I18n {
  lang: Language;
  setLang(lang: Language): void;
  t(key: MessageKey, params?: Params): string;
  /** 12 369 */
  number(value: number): string;
  /** 27.11.2026, 14:05 — an instant on the Warsaw clock. */
  dateTime(iso: string): string;
  /** 14:05 */
  time(iso: string): string;
  /** 27.11.2026 — a business date (YYYY-MM-DD), shown as it is. */
  date(ymd: string): string;
  /** czerwiec 2020 / June 2020 — a business month (YYYY-MM). */
  month(ym: string, style?: 'long' | 'short'): string;
}

function createI18n(lang: Language, setLang: (lang: Language) => void): I18n {
  const locale = LOCALES[lang];
  const plurals = new Intl.PluralRules(locale);
  const numbers = new Intl.NumberFormat(locale);
  const dateTimes = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, dateStyle: 'short', timeStyle: 'short' });
  const times = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, timeStyle: 'short' });
  // Business dates are calendar days, not instants: formatted at UTC midnight so no zone can shift them.
  const dates = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' });
  const months = {
    long: new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'long', year: 'numeric' }),
    short: new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'short', year: '2-digit' }),
  };
  const t = (key: MessageKey, params: Params = {}): string => {
    const message = CATALOGUES[lang][key] ?? key;
    const text =
      typeof message === 'string' ? message : (message[plurals.select(Number(params.count ?? 0))] ?? message.other);
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      if (value === undefined) return whole;
      return typeof value === 'number' ? numbers.format(value) : value;
    });
  };
  return {
    lang,
    setLang,
    t,
    number: (value) => numbers.format(value),
    dateTime: (iso) => dateTimes.format(new Date(iso)),
    time: (iso) => times.format(new Date(iso)),
    date: (ymd) => dates.format(new Date(`${ymd}T00:00:00Z`)),
    month: (ym, style = 'long') => months[style].format(new Date(`${ym}-01T00:00:00Z`)),
  };
}

const I18nContext = createContext<I18n>(createI18n('pl', () => undefined));

function storedLanguage(): Language {
  return readStored<Language>('local', LANGUAGE_KEY) === 'en' ? 'en' : 'pl';
}

export function I18nProvider({ children }: { children: ComponentChildren }) {
  const [lang, setLang] = useState<Language>(storedLanguage);
  const i18n = useMemo(
    () =>
      createI18n(lang, (next) => {
        writeStored('local', LANGUAGE_KEY, next);
        setLang(next);
      }),
    [lang],
  );
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  return <I18nContext.Provider value={i18n}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
