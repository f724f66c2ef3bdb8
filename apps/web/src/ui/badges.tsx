import type { CaseStatus, SlaState } from '../api/types';
import { useI18n } from '../i18n/i18n';

export function StatusBadge({ status }: { status: CaseStatus }) {
  const { t } = useI18n();
  return <span class={`badge badge--${status}`}>{t(`status.${status}`)}</span>;
}

export function SlaBadge({ sla }: { sla: SlaState | null }) {
  const { t } = useI18n();
  if (!sla) return null;
  return <span class={`badge badge--sla-${sla}`}>{t(`sla.${sla}`)}</span>;
}
