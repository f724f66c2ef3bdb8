import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { ApiProblem, get, request } from '../../api/client';
import type { Case, CaseEvent, FollowUp } from '../../api/types';
import { useCatalogue, type Catalogue } from '../../hooks/catalogue';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session';
import { SlaBadge, StatusBadge } from '../../ui/badges';
import { Loading } from '../../ui/loaded';
import { ProblemNotice } from '../../ui/problem';
import { EditForm, NoteForm, RouteForm, TransitionForm, type Change } from './case-forms';
import { FollowUps } from './case-follow-ups';
import { History } from './case-history';

interface CaseView {
  item: Case;
  etag: string;
  history: CaseEvent[];
  followUps: FollowUp[];
}

export function CasePage() {
  const { params } = useRoute();
  const number = params.number;
  const { t } = useI18n();
  const { catalogue } = useCatalogue();
  const { session } = useSession();
  const [view, setView] = useState<CaseView | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [saved, setSaved] = useState(false);
  // The case on screen: an answer for another one (the agent followed a link meanwhile) is dropped.
  const shown = useRef(number);
  shown.current = number;

  async function load(): Promise<void> {
    const requested = number;
    const base = `/cases/${encodeURIComponent(requested)}`;
    const [answer, history, followUps] = await Promise.all([
      request<Case>(base),
      get<{ items: CaseEvent[] }>(`${base}/history`),
      get<{ items: FollowUp[] }>(`${base}/follow-ups`),
    ]);
    if (shown.current !== requested) return;
    setView({ item: answer.body, etag: answer.etag ?? '', history: history.items, followUps: followUps.items });
  }

  useEffect(() => {
    setView(null);
    setProblem(null);
    setSaved(false);
    load().catch((error: ApiProblem) => shown.current === number && setProblem(error));
  }, [number]);

  // Every form keeps what was typed when its change is refused; a conflict reloads the case under it.
  const change: Change = async (path, body, method = 'POST') => {
    setProblem(null);
    setSaved(false);
    try {
      await request(`/cases/${encodeURIComponent(number)}${path}`, {
        method,
        body,
        headers: view ? { 'If-Match': view.etag } : {},
      });
      await load();
      setSaved(true);
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
        {problem ? <ProblemNotice problem={problem} /> : <Loading />}
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
        {saved && !problem && (
          <div class="notice notice--ok" role="status">
            {t('case.saved')}
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
