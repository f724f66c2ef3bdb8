import type { ComponentChildren } from 'preact';
import type { PublicVisit, VisitStatus } from '../../api/types';
import { useI18n, type I18n } from '../../i18n/i18n';
import { TIME_ZONE, warsawDateOf } from '../../i18n/warsaw-time';

/**
 * `piątek, 04.12.2026`: residents plan by the weekday. A weekday's name depends on the language only, so the page's
 * language is the locale (no second choice of region beside i18n.tsx's).
 */
export function visitDay(i18n: I18n, iso: string): string {
  const weekday = new Intl.DateTimeFormat(i18n.lang, { timeZone: TIME_ZONE, weekday: 'long' }).format(new Date(iso));
  return `${weekday}, ${i18n.date(warsawDateOf(iso))}`;
}

export function visitHours(i18n: I18n, visit: { start: string; end: string }): string {
  return `${i18n.time(visit.start)}–${i18n.time(visit.end)}`;
}

/** Where, what and when of a visit; more facts may follow as children. */
export function VisitFacts({ visit, children }: { visit: PublicVisit; children?: ComponentChildren }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <dl class="facts">
      <dt>{t('visits.facts.office')}</dt>
      <dd>{visit.officeName}</dd>
      <dt>{t('visits.facts.address')}</dt>
      <dd>{visit.officeAddress}</dd>
      <dt>{t('visits.facts.service')}</dt>
      <dd>{visit.serviceName}</dd>
      <dt>{t('visits.facts.day')}</dt>
      <dd>{visitDay(i18n, visit.start)}</dd>
      <dt>{t('visits.facts.time')}</dt>
      <dd>{visitHours(i18n, visit)}</dd>
      {children}
    </dl>
  );
}

export function VisitStatusBadge({ status }: { status: VisitStatus }) {
  const { t } = useI18n();
  return <span class={`badge badge--${status}`}>{t(`visits.status.${status}`)}</span>;
}
