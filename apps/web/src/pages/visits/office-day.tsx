import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { type ApiProblem, queryOf, request } from '../../api/client';
import type { StaffVisit, VisitStatus } from '../../api/types';
import { useApi } from '../../hooks/use-api';
import { useI18n, type I18n, type MessageKey } from '../../i18n/i18n';
import { warsawToday } from '../../i18n/warsaw-time';
import { readStored, writeStored } from '../../storage';
import { SelectField, TextField } from '../../ui/fields';
import { CaseLink, PhoneLink } from '../../ui/links';
import { Loaded } from '../../ui/loaded';
import { ProblemNotice } from '../../ui/problem';
import { DataTable } from '../../ui/table';
import { useVisitCatalogue } from './visit-catalogue';
import { VisitCodeField } from './visit-code';
import { isVisitCode, normalizedCode } from './visit-code-input';
import { VisitStatusBadge } from './visit-facts';
import './visits.css';

const OFFICE_KEY = 'cc.visits-office';
const COUNTED: VisitStatus[] = ['booked', 'checked_in', 'no_show', 'cancelled'];

/** How the last check-in went, kept as what happened: it is said in the page's language when shown. */
interface CheckInOutcome {
  checkedIn?: { visit: StaffVisit; askedAt: number };
  problem?: ApiProblem;
  say?: MessageKey;
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
  const day = useApi<{ items: StaffVisit[] }>(officeCode && date ? `/visits${queryOf({ officeCode, date })}` : null);
  const officeName = catalogue?.offices.find((office) => office.code === officeCode)?.name ?? officeCode;

  async function checkIn(codeOrId: string): Promise<boolean> {
    const asked = Date.now();
    setOutcome({});
    try {
      const { body } = await request<StaffVisit>(`/visits/${encodeURIComponent(codeOrId)}/check-in`, {
        method: 'POST',
      });
      setOutcome({ checkedIn: { visit: body, askedAt: asked } });
      day.reload();
      return true;
    } catch (error) {
      setOutcome(checkInProblemOf(error as ApiProblem));
      return false;
    }
  }

  function chooseOffice(code: string) {
    setChosenOffice(code);
    writeStored('local', OFFICE_KEY, code);
  }

  return (
    <>
      <div class="page-title">
        <h1>{t('visits.day.title')}</h1>
        <a class="button button--quiet" href="/staff/visits/book">
          {t('visits.book.staffTitle')}
        </a>
      </div>
      <CheckInByCode onCheckIn={checkIn}>
        <CheckInOutcomeNotice outcome={outcome} />
      </CheckInByCode>
      <section class="panel" aria-labelledby="office-day-heading">
        <h2 id="office-day-heading">{t('visits.day.listTitle')}</h2>
        <Loaded data={catalogue} problem={catalogueProblem}>
          {(catalogue) => (
            <fieldset>
              <legend>{t('visits.day.which')}</legend>
              <div class="grid">
                <SelectField
                  label={t('visits.facts.office')}
                  value={officeCode}
                  onValue={chooseOffice}
                  options={catalogue.offices.map((office) => ({ value: office.code, label: office.name }))}
                />
                <TextField label={t('visits.facts.day')} type="date" value={date} onValue={setDate} required />
              </div>
            </fieldset>
          )}
        </Loaded>
        {officeCode && date && (
          <Loaded data={day.data} problem={day.problem}>
            {({ items }) => (
              <DayVisits
                visits={items}
                caption={t('visits.day.caption', { office: officeName, day: i18n.date(date) })}
                onCheckIn={checkIn}
              />
            )}
          </Loaded>
        )}
      </section>
    </>
  );
}

/** The office chosen here last time (in this browser), if the browser kept it. */
function rememberedOffice(): string {
  const stored = readStored<unknown>('local', OFFICE_KEY);
  return typeof stored === 'string' ? stored : '';
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

/** Why a check-in was refused, in the desk's words where the page has them. */
function checkInProblemOf(problem: ApiProblem): CheckInOutcome {
  if (problem.status === 404) return { problem, say: 'visits.checkIn.notFound' };
  if (problem.code === 'too-early-to-check-in') return { problem, say: 'visits.checkIn.tooEarly' };
  if (problem.code === 'visit-cancelled') return { problem, say: 'visits.checkIn.cancelled' };
  if (problem.code === 'visit-no-show') return { problem, say: 'visits.checkIn.noShow' };
  if (problem.status === 409) return { problem, say: 'visits.checkIn.notNow' };
  if (problem.status === 400) return { problem, say: 'visits.code.invalid' };
  return { problem };
}

function CheckInOutcomeNotice({ outcome }: { outcome: CheckInOutcome }) {
  const i18n = useI18n();
  const notice = useRef<HTMLDivElement>(null);
  // A check-in from the list removes its button: the notice takes the focus, and is read out.
  useEffect(() => {
    if (outcome.checkedIn && !notice.current?.contains(document.activeElement)) notice.current?.focus();
  }, [outcome]);
  if (outcome.problem) {
    return <ProblemNotice problem={outcome.problem} text={outcome.say && i18n.t(outcome.say)} />;
  }
  if (!outcome.checkedIn) return null;
  return (
    <div class="notice notice--ok" role="status" ref={notice} tabIndex={-1} data-testid="check-in-notice">
      {checkedInText(outcome.checkedIn.visit, outcome.checkedIn.askedAt, i18n)}
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
  const [error, setError] = useState<MessageKey | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    const code = normalizedCode(typed);
    if (!isVisitCode(code)) {
      setError('visits.code.invalid');
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
        <VisitCodeField value={typed} onValue={setTyped} error={error && t(error)} />
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

/** The day in numbers, then its visits (or that there are none). */
function DayVisits({
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
    <>
      <DayCounts visits={visits} />
      {visits.length ? (
        <DataTable caption={caption}>
          <thead>
            <tr>
              <th scope="col">{t('visits.facts.time')}</th>
              <th scope="col" class="num">
                {t('visits.day.desk')}
              </th>
              <th scope="col">{t('visits.facts.service')}</th>
              <th scope="col">{t('visits.day.resident')}</th>
              <th scope="col">{t('visits.day.phone')}</th>
              <th scope="col">{t('visits.day.case')}</th>
              <th scope="col">{t('visits.facts.status')}</th>
              <th scope="col">{t('visits.day.action')}</th>
            </tr>
          </thead>
          <tbody>
            {visits.map((visit) => (
              <DayRow key={visit.id} visit={visit} onCheckIn={onCheckIn} />
            ))}
          </tbody>
        </DataTable>
      ) : (
        <p>{t('visits.day.none')}</p>
      )}
    </>
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
      <td>{visit.resident.phone ? <PhoneLink phone={visit.resident.phone} /> : (visit.resident.email ?? '—')}</td>
      <td>{visit.caseNumber ? <CaseLink number={visit.caseNumber} /> : '—'}</td>
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
