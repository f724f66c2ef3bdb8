import { useEffect, useState } from 'preact/hooks';
import type { ApiProblem } from '../../api/client';
import { NEXT_STATUSES, PRIORITIES, type Case, type CaseStatus, type Priority } from '../../api/types';
import type { Catalogue } from '../../hooks/catalogue';
import { useI18n } from '../../i18n/i18n';
import { SelectField, TextArea, TextField } from '../../ui/fields';

/** Sends a change of the case with its version; resolves false when refused (the page shows why). */
export type Change = (path: string, body: unknown, method?: 'POST' | 'PATCH') => Promise<boolean>;

export function TransitionForm({ item, change, problem }: { item: Case; change: Change; problem: ApiProblem | null }) {
  const { t } = useI18n();
  const next = NEXT_STATUSES[item.status];
  const [to, setTo] = useState<CaseStatus | ''>(next[0] ?? '');
  const [resolution, setResolution] = useState('');
  const [note, setNote] = useState('');
  useEffect(() => setTo(NEXT_STATUSES[item.status][0] ?? ''), [item.status]);
  if (!next.length) return <p>{t('case.noTransitions')}</p>;
  return (
    <form
      onSubmit={async (event) => {
        event.preventDefault();
        const body = { to, note: note.trim() || undefined, resolution: to === 'resolved' ? resolution : undefined };
        if (await change('/transitions', body)) {
          setResolution('');
          setNote('');
        }
      }}
    >
      <SelectField
        label={t('case.to')}
        value={to}
        onValue={(value) => setTo(value as CaseStatus)}
        options={next.map((status) => ({ value: status, label: t(`status.${status}`) }))}
      />
      {to === 'resolved' && (
        <TextArea
          label={t('case.resolution')}
          value={resolution}
          onValue={setResolution}
          error={problem?.fieldMessage('resolution')}
          required
        />
      )}
      <TextField
        label={t('case.transitionNote')}
        value={note}
        onValue={setNote}
        optional
        error={problem?.fieldMessage('note')}
      />
      <button class="button" type="submit">
        {t('case.change')}
      </button>
    </form>
  );
}

export function NoteForm({ change, problem }: { change: Change; problem: ApiProblem | null }) {
  const { t } = useI18n();
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<'internal' | 'public'>('internal');
  return (
    <form
      onSubmit={async (event) => {
        event.preventDefault();
        if (await change('/notes', { body, visibility })) setBody('');
      }}
    >
      <TextArea label={t('case.noteBody')} value={body} onValue={setBody} error={problem?.fieldMessage('body')} />
      <SelectField
        label={t('case.visibility')}
        value={visibility}
        onValue={(value) => setVisibility(value as 'internal' | 'public')}
        options={[
          { value: 'internal', label: t('case.internal') },
          { value: 'public', label: t('case.public') },
        ]}
      />
      <button class="button" type="submit">
        {t('case.addNote')}
      </button>
    </form>
  );
}

export function RouteForm({
  catalogue,
  change,
  problem,
}: {
  catalogue: Catalogue | null;
  change: Change;
  problem: ApiProblem | null;
}) {
  const { t } = useI18n();
  const [unitCode, setUnitCode] = useState('');
  const [reason, setReason] = useState('');
  return (
    <form
      onSubmit={async (event) => {
        event.preventDefault();
        if (await change('/route', { unitCode: unitCode || undefined, reason })) setReason('');
      }}
    >
      <SelectField
        label={t('case.routeUnit')}
        value={unitCode}
        onValue={setUnitCode}
        options={[
          { value: '', label: t('case.routeByRules') },
          ...(catalogue?.units ?? []).map((unit) => ({ value: unit.code, label: unit.name })),
        ]}
      />
      <TextField label={t('case.reason')} value={reason} onValue={setReason} error={problem?.fieldMessage('reason')} />
      <button class="button" type="submit">
        {t('case.doRoute')}
      </button>
    </form>
  );
}

interface EditDraft {
  subject: string;
  description: string;
  priority: Priority;
  categoryCode: string;
  name: string;
  phone: string;
  email: string;
  address: string;
  district: string;
}

function draftOf(item: Case): EditDraft {
  return {
    subject: item.subject,
    description: item.description ?? '',
    priority: item.priority,
    categoryCode: item.categoryCode,
    name: item.resident?.name ?? '',
    phone: item.resident?.phone ?? '',
    email: item.resident?.email ?? '',
    address: item.location?.address ?? '',
    district: item.location?.district ?? '',
  };
}

const orNull = (text: string) => text.trim() || null;

/** Only what the agent changed, so that a save never undoes someone else's change to another field. */
function changesOf(draft: EditDraft, touched: Set<keyof EditDraft>): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  if (touched.has('subject')) changes.subject = draft.subject.trim();
  if (touched.has('description')) changes.description = orNull(draft.description);
  if (touched.has('priority')) changes.priority = draft.priority;
  if (touched.has('categoryCode')) changes.categoryCode = draft.categoryCode;
  if (['name', 'phone', 'email'].some((key) => touched.has(key as keyof EditDraft))) {
    changes.resident = { name: orNull(draft.name), phone: orNull(draft.phone), email: orNull(draft.email) };
  }
  if (touched.has('address') || touched.has('district')) {
    changes.location = { address: orNull(draft.address), district: orNull(draft.district) };
  }
  return changes;
}

/**
 * Edits the case with its version. A 412 (someone saved first) loads their version under the form: the fields this
 * agent changed keep what was typed, the others show the new values, and a second save sends only the changes.
 */
export function EditForm({
  item,
  catalogue,
  change,
  problem,
}: {
  item: Case;
  catalogue: Catalogue | null;
  change: Change;
  problem: ApiProblem | null;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<EditDraft>(() => draftOf(item));
  const [touched, setTouched] = useState<Set<keyof EditDraft>>(new Set());
  useEffect(() => {
    const fresh = draftOf(item);
    setDraft((current) => {
      const merged = { ...fresh };
      for (const key of touched) Object.assign(merged, { [key]: current[key] });
      return merged;
    });
  }, [item.version]);
  const set = (key: keyof EditDraft) => (value: string) => {
    setTouched((current) => new Set(current).add(key));
    setDraft((current) => ({ ...current, [key]: value }));
  };
  const error = (field: string) => problem?.fieldMessage(field);
  return (
    <form
      onSubmit={async (event) => {
        event.preventDefault();
        if (!touched.size) return;
        if (await change('', changesOf(draft, touched), 'PATCH')) setTouched(new Set());
      }}
    >
      <TextField label={t('intake.subject')} value={draft.subject} onValue={set('subject')} error={error('subject')} />
      <TextArea
        label={t('intake.description')}
        value={draft.description}
        onValue={set('description')}
        error={error('description')}
      />
      <SelectField
        label={t('intake.category')}
        value={draft.categoryCode}
        onValue={set('categoryCode')}
        options={(catalogue?.categories ?? []).map((category) => ({ value: category.code, label: category.name }))}
      />
      <SelectField
        label={t('intake.priority')}
        value={draft.priority}
        onValue={set('priority')}
        options={PRIORITIES.map((priority) => ({ value: priority, label: t(`priority.${priority}`) }))}
      />
      <TextField label={t('intake.name')} value={draft.name} onValue={set('name')} error={error('name')} />
      <TextField label={t('intake.phone')} value={draft.phone} onValue={set('phone')} error={error('phone')} />
      <TextField label={t('intake.email')} value={draft.email} onValue={set('email')} error={error('email')} />
      <TextField label={t('intake.address')} value={draft.address} onValue={set('address')} error={error('address')} />
      <TextField
        label={t('intake.district')}
        value={draft.district}
        onValue={set('district')}
        error={error('district')}
      />
      <button class="button" type="submit">
        {t('common.save')}
      </button>
    </form>
  );
}
