import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { queryOf } from '../../api/client';
import { type MessageKey, useI18n } from '../../i18n/i18n';
import { SelectField, TextField } from '../../ui/fields';
import { addMonths, currentMonth, isMonth, monthsBetween } from '../../i18n/warsaw-time';
import { MAX_MONTHS } from './months';

const GROUPINGS = ['channel', 'category', 'unit'] as const;
type Grouping = (typeof GROUPINGS)[number];

export type DashboardRange = {
  from: string;
  to: string;
  groupBy?: Grouping;
};

/** The range in the page's address, or the last twelve months up to this one in Warsaw. */
export function rangeOf(query: Record<string, string>): DashboardRange {
  const to = isMonth(query.to) ? query.to : currentMonth();
  const from = isMonth(query.from) ? query.from : addMonths(to, -11);
  const groupBy = GROUPINGS.find((grouping) => grouping === query.groupBy);
  return { from, to, groupBy };
}

function problemsOf(from: string, to: string): { from?: MessageKey; to?: MessageKey } {
  if (!isMonth(from)) return { from: 'dashboard.range.badMonth' };
  if (!isMonth(to)) return { to: 'dashboard.range.badMonth' };
  if (monthsBetween(from, to) < 1) return { to: 'dashboard.range.order' };
  if (monthsBetween(from, to) > MAX_MONTHS) return { to: 'dashboard.range.tooLong' };
  return {};
}

/** The months and grouping of the dashboard, kept in the address so a view can be bookmarked or sent on. */
export function RangeForm({ range }: { range: DashboardRange }) {
  const { t } = useI18n();
  const { route } = useLocation();
  const [from, setFrom] = useState(range.from);
  const [to, setTo] = useState(range.to);
  const [groupBy, setGroupBy] = useState<string>(range.groupBy ?? '');
  const [checked, setChecked] = useState(false);
  const problems = checked ? problemsOf(from, to) : {};
  const messageOf = (key?: MessageKey) => key && t(key, { max: MAX_MONTHS });

  function submit(event: Event) {
    event.preventDefault();
    setChecked(true);
    const found = problemsOf(from, to);
    if (found.from || found.to) return;
    route(`/staff/dashboard${queryOf({ from, to, groupBy })}`);
  }

  return (
    <form class="range-form" aria-label={t('dashboard.range.label')} onSubmit={submit} noValidate>
      <TextField
        label={t('dashboard.range.from')}
        type="month"
        value={from}
        onValue={setFrom}
        error={messageOf(problems.from)}
        required
      />
      <TextField
        label={t('dashboard.range.to')}
        hint={t('dashboard.range.hint', { max: MAX_MONTHS })}
        type="month"
        value={to}
        onValue={setTo}
        error={messageOf(problems.to)}
        required
      />
      <SelectField
        label={t('dashboard.range.groupBy')}
        value={groupBy}
        onValue={setGroupBy}
        options={[
          { value: '', label: t('dashboard.groupBy.none') },
          ...GROUPINGS.map((grouping) => ({ value: grouping, label: t(`dashboard.groupBy.${grouping}`) })),
        ]}
      />
      <div class="range-form__submit">
        <button class="button" type="submit">
          {t('dashboard.range.show')}
        </button>
      </div>
    </form>
  );
}
