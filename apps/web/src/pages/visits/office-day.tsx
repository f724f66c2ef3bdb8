import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { ApiProblem, get, queryOf, request } from '../../api/client';
import type { StaffVisit, VisitStatus } from '../../api/types';
import { useI18n, type I18n } from '../../i18n/i18n';
import { warsawToday } from '../../i18n/warsaw-time';
import { SelectField, TextField } from '../../ui/fields';
import { ProblemNotice } from '../../ui/problem';
import { useVisitCatalogue } from './visit-catalogue';
import { isVisitCode, normalizedCode, VisitCodeField } from './visit-code';
import { VisitStatusBadge } from './visit-facts';
import './visits.css';

const OFFICE_KEY = 'cc.visits-office';
const COUNTED: VisitStatus[] = ['booked', 'checked_in', 'no_show', 'cancelled'];

interface CheckInOutcome {
  ok?: string;
  problem?: ApiProblem;
  text?: string;
}

/** The desk's day: who comes when, checking them in by their code or from the list. */
export function OfficeDayPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { catalogue, problem: catalogueProblem } = useVisitCatalogue();
  const { query } = useLocation();
  // A link may open an office's day (`?office=&date=`); choices made here stay in the page, not the address.
  const [chosenOffice, setChosenOffice] = useState(() => query.office || rememberedOffice());
  const [date, setDate] = useState(() => query.date || warsawToday());
  const [outcome, setOutcome] = useState<CheckInOutcome>({});
  const officeCode = catalogue?.offices.some((office) => office.code === chosenOffice)
    ? chosenOffice
    : (catalogue?.offices[0]?.code ?? '');
  const day = useDayList(officeCode, date);
  const officeName = catalogue?.offices.find((office) => office.code === officeCode)?.name ?? officeCode;

  async function checkIn(codeOrId: string): Promise<boolean> {
    const asked = Date.now();
    setOutcome({});
    try {
      const { body } = await request<StaffVisit>(`/visits/${encodeURIComponent(codeOrId)}/check-in`, {
        method: 'POST',
      });
      setOutcome({ ok: checkedInText(body, asked, i18n) });
      day.reload();
      return true;
    } catch (error) {
      setOutcome(checkInProblemOf(error as ApiProblem, i18n));
      return false;
    }
  }

  function chooseOffice(code: string) {
    setChosenOffice(code);
    try {
      localStorage.setItem(OFFICE_KEY, code);
    } catch {
      // private mode: the choice lasts for this page only
    }
  }

  return (
    <>
      <div class="page-title">
        <h1>{t('visits.day.title')}</h1>
        <a class="button button--quiet" href="/staff/visits/book">
          {t('visits.day.bookForCaller')}
        </a>
      </div>
      <CheckInByCode onCheckIn={checkIn}>
        <CheckInOutcomeNotice outcome={outcome} />
      </CheckInByCode>
      <section class="panel" aria-labelledby="office-day-heading">
        <h2 id="office-day-heading">{t('visits.day.listTitle')}</h2>
        <ProblemNotice problem={catalogueProblem} />
        {!catalogue && !catalogueProblem && <p role="status">{t('common.loading')}</p>}
        {catalogue && (
          <fieldset>
            <legend>{t('visits.day.which')}</legend>
            <div class="grid">
              <SelectField
                label={t('visits.day.office')}
                value={officeCode}
                onValue={chooseOffice}
                options={catalogue.offices.map((office) => ({ value: office.code, label: office.name }))}
              />
              <TextField label={t('visits.day.date')} type="date" value={date} onValue={setDate} required />
            </div>
          </fieldset>
        )}
        <ProblemNotice problem={day.problem} />
        {officeCode && date && !day.visits && !day.problem && <p role="status">{t('common.loading')}</p>}
        {day.visits && <DayCounts visits={day.visits} />}
        {day.visits && !day.visits.length && <p>{t('visits.day.none')}</p>}
        {day.visits && day.visits.length > 0 && (
          <DayTable
            visits={day.visits}
            caption={t('visits.day.caption', { office: officeName, day: i18n.date(date) })}
            onCheckIn={checkIn}
          />
        )}
      </section>
    </>
  );
}

function rememberedOffice(): string {
  try {
    return localStorage.getItem(OFFICE_KEY) ?? '';
  } catch {
    return '';
  }
}

/** The day's visits; a reload keeps the rows shown until the new ones arrive, another day clears them at once. */
function useDayList(officeCode: string, date: string) {
  const key = `${officeCode}|${date}`;
  const [loaded, setLoaded] = useState<{ key: string; visits: StaffVisit[] } | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    setProblem(null);
    if (!officeCode || !date) return;
    let live = true;
    get<{ items: StaffVisit[] }>(`/visits${queryOf({ officeCode, date })}`).then(
      (answer) => live && setLoaded({ key, visits: answer.items }),
      (error: ApiProblem) => live && setProblem(error),
    );
    return () => {
      live = false;
    };
  }, [key, round]);
  const visits = loaded?.key === key ? loaded.visits : null;
  return { visits, problem, reload: () => setRound((value) => value + 1) };
}

/** What the desk says after a check-in; a check-in repeated later is said as such (the api answers it the same). */
function checkedInText(visit: StaffVisit, askedAt: number, i18n: I18n): string {
  const params = {
    name: visit.resident.name,
    time: i18n.time(visit.start),
    office: visit.officeName,
    desk: visit.desk,
  };
  const earlier = visit.checkedInAt && Date.parse(visit.checkedInAt) < askedAt - 60_000;
  return earlier
    ? i18n.t('visits.checkIn.already', { ...params, at: i18n.time(visit.checkedInAt as string) })
    : i18n.t('visits.checkIn.done', params);
}

function checkInProblemOf(problem: ApiProblem, { t }: I18n): CheckInOutcome {
  if (problem.status === 404) return { problem, text: t('visits.checkIn.notFound') };
  if (problem.code === 'too-early-to-check-in') return { problem, text: t('visits.checkIn.tooEarly') };
  if (problem.code === 'visit-cancelled') return { problem, text: t('visits.checkIn.cancelled') };
  if (problem.code === 'visit-no-show') return { problem, text: t('visits.checkIn.noShow') };
  if (problem.status === 409) return { problem, text: t('visits.checkIn.notNow') };
  if (problem.status === 400) return { problem, text: t('visits.code.invalid') };
  return { problem };
}

function CheckInOutcomeNotice({ outcome }: { outcome: CheckInOutcome }) {
  const notice = useRef<HTMLDivElement>(null);
  // A check-in from the list removes its button: the notice takes the focus, and is read out.
  useEffect(() => {
    if (outcome.ok && !notice.current?.contains(document.activeElement)) notice.current?.focus();
  }, [outcome]);
  if (outcome.problem) return <ProblemNotice problem={outcome.problem} text={outcome.text} />;
  if (!outcome.ok) return null;
  return (
    <div class="notice notice--ok" role="status" ref={notice} tabIndex={-1} data-testid="check-in-notice">
      {outcome.ok}
    </div>
  );
}

/** The form for a resident who shows their code; the outcome of any check-in is its child. */
function CheckInByCode({
  onCheckIn,
  children,
}: {
  onCheckIn(code: string): Promise<boolean>;
  children: ComponentChildren;
}) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    const code = normalizedCode(typed);
    if (!isVisitCode(code)) {
      setError(t('visits.code.invalid'));
      return;
    }
    setError(undefined);
    setBusy(true);
    if (await onCheckIn(code)) setTyped('');
    setBusy(false);
  }

  return (
    <section class="panel" aria-labelledby="check-in-heading">
      <h2 id="check-in-heading">{t('visits.checkIn.title')}</h2>
      {children}
      <form
        class="check-in-form"
        onSubmit={submit}
        noValidate
        aria-labelledby="check-in-heading"
        data-testid="check-in-by-code"
      >
        <VisitCodeField value={typed} onValue={setTyped} error={error} />
        <button class="button" type="submit" disabled={busy}>
          {t('visits.checkIn.submit')}
        </button>
      </form>
    </section>
  );
}

function DayCounts({ visits }: { visits: StaffVisit[] }) {
  const { t } = useI18n();
  return (
    <ul class="stats visit-counts" aria-label={t('visits.day.counts')} data-testid="visit-counts">
      {COUNTED.map((status) => (
        <li class="stat" key={status}>
          <span class="stat__value">{visits.filter((visit) => visit.status === status).length}</span>
          <span class="stat__label">{t(`visits.count.${status}`)}</span>
        </li>
      ))}
    </ul>
  );
}

function DayTable({
  visits,
  caption,
  onCheckIn,
}: {
  visits: StaffVisit[];
  caption: string;
  onCheckIn(id: string): Promise<boolean>;
}) {
  const { t } = useI18n();
  return (
    <div class="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('visits.day.time')}</th>
            <th scope="col" class="num">
              {t('visits.day.desk')}
            </th>
            <th scope="col">{t('visits.day.service')}</th>
            <th scope="col">{t('visits.day.resident')}</th>
            <th scope="col">{t('visits.day.phone')}</th>
            <th scope="col">{t('visits.day.case')}</th>
            <th scope="col">{t('visits.day.status')}</th>
            <th scope="col">{t('visits.day.action')}</th>
          </tr>
        </thead>
        <tbody>
          {visits.map((visit) => (
            <DayRow key={visit.id} visit={visit} onCheckIn={onCheckIn} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DayRow({ visit, onCheckIn }: { visit: StaffVisit; onCheckIn(id: string): Promise<boolean> }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [busy, setBusy] = useState(false);
  const time = i18n.time(visit.start);
  const checkIn = async () => {
    setBusy(true);
    await onCheckIn(visit.id);
    setBusy(false);
  };
  return (
    <tr>
      <td>{time}</td>
      <td class="num">{visit.desk}</td>
      <td>{visit.serviceName}</td>
      <td>{visit.resident.name}</td>
      <td>
        {visit.resident.phone ? (
          <a href={`tel:${visit.resident.phone.replace(/[^0-9+]/g, '')}`}>{visit.resident.phone}</a>
        ) : (
          (visit.resident.email ?? '—')
        )}
      </td>
      <td>{visit.caseNumber ? <a href={`/staff/cases/${visit.caseNumber}`}>{visit.caseNumber}</a> : '—'}</td>
      <td>
        <VisitStatusBadge status={visit.status} />
      </td>
      <td>
        {visit.status === 'booked' && (
          <button
            class="button button--small"
            type="button"
            disabled={busy}
            aria-label={t('visits.day.checkInRow', { name: visit.resident.name, time })}
            onClick={checkIn}
          >
            {t('visits.checkIn.submit')}
          </button>
        )}
      </td>
    </tr>
  );
}
