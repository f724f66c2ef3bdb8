import type { CaseEvent, CaseStatus } from '../../api/types';
import type { Catalogue } from '../../hooks/catalogue';
import { useI18n, type I18n } from '../../i18n/i18n';

/** One line of the history in words, with the unit, status and kind names of the language shown. */
function describeEvent(event: CaseEvent, i18n: I18n, catalogue: Catalogue | null): string {
  const { t } = i18n;
  const data = event.data as Record<string, string | undefined>;
  const status = (value?: string) => (value ? t(`status.${value as CaseStatus}`) : '—');
  const kind = data.kind === 'reminder' ? t('case.kind.reminder') : t('case.kind.callback');
  switch (event.type) {
    case 'status_changed':
      return t('event.status_changed', { from: status(data.from), to: status(data.to) });
    case 'routed':
      return t('event.routed', { unit: catalogue?.unitName(data.to ?? null) ?? data.to ?? '—' });
    case 'assignee_changed':
      return t('event.assignee_changed', { assignee: data.assignee ?? t('case.nobody') });
    case 'note_added':
      return t(data.visibility === 'public' ? 'event.note_added.public' : 'event.note_added.internal');
    case 'follow_up_scheduled':
    case 'follow_up_due':
    case 'follow_up_completed':
    case 'follow_up_cancelled':
    case 'follow_up_failed':
      return t(`event.${event.type}`, { kind });
    case 'case_created':
    case 'case_updated':
    case 'sla_warning':
    case 'sla_breached':
    case 'tracking_code_reissued':
    case 'visit_booked':
    case 'visit_cancelled':
    case 'visit_checked_in':
    case 'imported':
      return t(`event.${event.type}`);
    default:
      return t('event.other', { type: event.type });
  }
}

export function History({ events, catalogue }: { events: CaseEvent[]; catalogue: Catalogue | null }) {
  const i18n = useI18n();
  return (
    <ol class="timeline" data-testid="history">
      {events.map((event) => {
        const data = event.data as Record<string, unknown>;
        const text = [data.body, data.resolution, data.note, data.reason].filter(
          (value): value is string => typeof value === 'string',
        );
        return (
          <li key={event.id}>
            <div>
              <strong>{describeEvent(event, i18n, catalogue)}</strong>
            </div>
            <div class="timeline__meta">
              {i18n.dateTime(event.at)} · {event.actor}
            </div>
            {text.map((line) => (
              <div class="timeline__body" key={line}>
                {line}
              </div>
            ))}
          </li>
        );
      })}
    </ol>
  );
}
