import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { ApiProblem, get, request } from '../../api/client';
import {
  NEXT_STATUSES,
  PRIORITIES,
  type Case,
  type CaseEvent,
  type CaseStatus,
  type FollowUp,
  type Priority,
} from '../../api/types';
import { useCatalogue, type Catalogue } from '../../hooks/catalogue';
import { useI18n, type I18n } from '../../i18n/i18n';
import { warsawInstant, warsawLocal } from '../../i18n/warsaw-time';
import { useSession } from '../../session';
import { SlaBadge, StatusBadge } from '../../ui/badges';
import { SelectField, TextArea, TextField } from '../../ui/fields';
import { ProblemNotice } from '../../ui/problem';

interface CaseView {
  item: Case;
  etag: string;
  history: CaseEvent[];
  followUps: FollowUp[];
}

/** Sends a change of the case with its version; a 412 means someone else changed it first. */
type Change = (path: string, body: unknown, method?: 'POST' | 'PATCH') => Promise<boolean>;

export function CasePage() {
  const { params } = useRoute();
  const number = params.number;
  const { t } = useI18n();
  const catalogue = useCatalogue();
  const { session } = useSession();
  const [view, setView] = useState<CaseView | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function load(): Promise<void> {
    const base = `/cases/${encodeURIComponent(number)}`;
    const [answer, history, followUps] = await Promise.all([
      request<Case>(base),
      get<{ items: CaseEvent[] }>(`${base}/history`),
      get<{ items: FollowUp[] }>(`${base}/follow-ups`),
    ]);
    setView({ item: answer.body, etag: answer.etag ?? '', history: history.items, followUps: followUps.items });
  }

  useEffect(() => {
    setView(null);
    load().catch((error: ApiProblem) => setProblem(error));
  }, [number]);

  // Every form keeps what was typed when its change is refused; a conflict reloads the case under it.
  const change: Change = async (path, body, method = 'POST') => {
    setProblem(null);
    setNotice(null);
    try {
      await request(`/cases/${encodeURIComponent(number)}${path}`, {
        method,
        body,
        headers: view ? { 'If-Match': view.etag } : {},
      });
      await load();
      setNotice(t('case.saved'));
      return true;
    } catch (error) {
      const refused = error as ApiProblem;
      setProblem(refused);
      if (refused.status === 412) await load().catch(() => undefined);
      return false;
    }
  };

  if (!view) {
    return (
      <section class="panel">
        <h1>{t('case.title', { number })}</h1>
        {problem ? <ProblemNotice problem={problem} /> : <p>{t('common.loading')}</p>}
      </section>
    );
  }
  const { item } = view;
  const mayReissueCode = session?.role !== 'unit_staff';
  return (
    <>
      <section class="panel">
        <div class="page-title">
          <h1>{t('case.title', { number: item.number })}</h1>
          <StatusBadge status={item.status} />
          <SlaBadge sla={item.sla} />
        </div>
        <p class="lead">{item.subject}</p>
        <ProblemNotice problem={problem} />
        {notice && !problem && (
          <div class="notice notice--ok" role="status">
            {notice}
          </div>
        )}
        <CaseFacts item={item} catalogue={catalogue} />
        <div class="actions">
          <a class="button button--quiet" href={`/staff/visits/book?caseNumber=${item.number}`}>
            {t('case.bookVisit')}
          </a>
          {mayReissueCode && <NewTrackingCode number={item.number} onProblem={setProblem} />}
        </div>
      </section>
      <div class="columns">
        <div>
          <Panel title={t('case.transition')}>
            <TransitionForm item={item} change={change} problem={problem} />
          </Panel>
          <Panel title={t('case.notes')}>
            <NoteForm change={change} problem={problem} />
          </Panel>
          <Panel title={t('case.history')}>
            <History events={view.history} catalogue={catalogue} />
          </Panel>
        </div>
        <div>
          <Panel title={t('case.followUps')}>
            <FollowUps number={item.number} followUps={view.followUps} onChanged={load} />
          </Panel>
          <Panel title={t('case.route')}>
            <RouteForm catalogue={catalogue} change={change} problem={problem} />
          </Panel>
          <Panel title={t('case.edit')}>
            <EditForm item={item} catalogue={catalogue} change={change} problem={problem} />
          </Panel>
        </div>
      </div>
    </>
  );
}

function Panel({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <section class="panel">
      <h2>{title}</h2>
      {children}
    </section>
  );
}

function CaseFacts({ item, catalogue }: { item: Case; catalogue: Catalogue | null }) {
  const i18n = useI18n();
  const { t } = i18n;
  const resident = [item.resident?.name, item.resident?.phone, item.resident?.email].filter(Boolean).join(', ');
  const place = [item.location?.address, item.location?.district].filter(Boolean).join(', ');
  return (
    <dl class="facts">
      <dt>{t('case.field.category')}</dt>
      <dd>{catalogue?.categoryName(item.categoryCode) ?? item.categoryCode}</dd>
      <dt>{t('case.field.unit')}</dt>
      <dd>{catalogue?.unitName(item.unitCode) ?? item.unitCode ?? '—'}</dd>
      <dt>{t('case.field.assignee')}</dt>
      <dd>{item.assignee ?? t('case.nobody')}</dd>
      <dt>{t('case.field.channel')}</dt>
      <dd>{t(`channel.${item.channel}`)}</dd>
      <dt>{t('case.field.priority')}</dt>
      <dd>{t(`priority.${item.priority}`)}</dd>
      <dt>{t('case.field.received')}</dt>
      <dd>{i18n.dateTime(item.receivedAt)}</dd>
      <dt>{t('case.field.due')}</dt>
      <dd>{item.dueAt ? i18n.dateTime(item.dueAt) : '—'}</dd>
      <dt>{t('case.field.resident')}</dt>
      <dd>{resident || '—'}</dd>
      <dt>{t('case.field.place')}</dt>
      <dd>{place || '—'}</dd>
      {item.description && (
        <>
          <dt>{t('intake.description')}</dt>
          <dd class="timeline__body">{item.description}</dd>
        </>
      )}
      {item.resolution && (
        <>
          <dt>{t('case.field.resolution')}</dt>
          <dd>{item.resolution}</dd>
        </>
      )}
    </dl>
  );
}

function TransitionForm({ item, change, problem }: { item: Case; change: Change; problem: ApiProblem | null }) {
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

function NoteForm({ change, problem }: { change: Change; problem: ApiProblem | null }) {
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

function RouteForm({
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
function EditForm({
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

function NewTrackingCode({ number, onProblem }: { number: string; onProblem(problem: ApiProblem): void }) {
  const { t } = useI18n();
  const [code, setCode] = useState<string | null>(null);
  return (
    <>
      <button
        class="button button--quiet"
        type="button"
        onClick={async () => {
          try {
            const { body } = await request<{ trackingCode: string }>(
              `/cases/${encodeURIComponent(number)}/tracking-code`,
              { method: 'POST' },
            );
            setCode(body.trackingCode);
          } catch (error) {
            onProblem(error as ApiProblem);
          }
        }}
      >
        {t('case.newTrackingCode')}
      </button>
      {code && (
        <p class="notice notice--info" role="status">
          {t('case.newCodeShown', { code })}
        </p>
      )}
    </>
  );
}

function FollowUps({
  number,
  followUps,
  onChanged,
}: {
  number: string;
  followUps: FollowUp[];
  onChanged(): Promise<void>;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [kind, setKind] = useState<'callback' | 'reminder'>('callback');
  const [dueAt, setDueAt] = useState(() => warsawLocal(new Date(Date.now() + 3600_000)));
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const act = async (work: () => Promise<unknown>) => {
    setProblem(null);
    try {
      await work();
      await onChanged();
      return true;
    } catch (error) {
      setProblem(error as ApiProblem);
      return false;
    }
  };
  const open = followUps.filter((followUp) => followUp.status === 'scheduled' || followUp.status === 'due');
  return (
    <>
      <ProblemNotice problem={problem} />
      {open.length ? (
        <ul class="timeline">
          {open.map((followUp) => (
            <li key={followUp.id}>
              <div class="timeline__meta">
                {t(`case.kind.${followUp.kind}`)} · {i18n.dateTime(followUp.dueAt)} · {followUp.status}
              </div>
              {followUp.note && <div class="timeline__body">{followUp.note}</div>}
              <button
                class="button button--quiet button--small"
                type="button"
                onClick={() => act(() => request(`/follow-ups/${followUp.id}`, { method: 'DELETE' }))}
              >
                {t('case.cancelFollowUp')}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('case.noFollowUps')}</p>
      )}
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          const body = { kind, dueAt: warsawInstant(dueAt), note: note.trim() || undefined };
          const done = await act(() =>
            request(`/cases/${encodeURIComponent(number)}/follow-ups`, { method: 'POST', body }),
          );
          if (done) setNote('');
        }}
      >
        <SelectField
          label={t('case.kind')}
          value={kind}
          onValue={(value) => setKind(value as 'callback' | 'reminder')}
          options={[
            { value: 'callback', label: t('case.kind.callback') },
            { value: 'reminder', label: t('case.kind.reminder') },
          ]}
        />
        <TextField
          label={t('case.dueAt')}
          type="datetime-local"
          value={dueAt}
          onValue={setDueAt}
          error={problem?.fieldMessage('dueAt')}
        />
        <TextField label={t('case.followUpNote')} value={note} onValue={setNote} optional />
        <button class="button" type="submit">
          {t('case.schedule')}
        </button>
      </form>
    </>
  );
}

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

function History({ events, catalogue }: { events: CaseEvent[]; catalogue: Catalogue | null }) {
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
