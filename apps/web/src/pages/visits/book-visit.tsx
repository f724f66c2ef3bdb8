import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { ApiProblem, get, queryOf, request } from '../../api/client';
import type { BookedVisit, Case } from '../../api/types';
import { useI18n, type I18n } from '../../i18n/i18n';
import { SelectField, TextField } from '../../ui/fields';
import { ProblemNotice } from '../../ui/problem';
import { SlotPicker, useSlots } from './slot-picker';
import { servicesAt, useVisitCatalogue, type VisitCatalogue } from './visit-catalogue';
import { warsawDateOf } from '../../i18n/warsaw-time';
import { bookingWindow } from './visit-dates';
import { VisitCode } from './visit-code';
import { VisitFacts } from './visit-facts';
import './visits.css';

interface Place {
  officeCode: string;
  serviceCode: string;
  date: string;
}

interface ResidentFields {
  name: string;
  phone: string;
  email: string;
}

interface BookingProblems {
  name?: string;
  phone?: string;
  email?: string;
  slot?: string;
  /** The chosen slot cannot be had any more: the day's slots are read again. */
  slotGone?: boolean;
  banner?: string;
  problem?: ApiProblem;
}

/** Booking a visit: residents on the public page, agents for a caller (`/staff/visits/book?caseNumber=…`). */
export function BookVisitPage({ staff = false }: { staff?: boolean }) {
  const { query } = useLocation();
  const caseNumber = (staff && query.caseNumber?.trim()) || undefined;
  const [booked, setBooked] = useState<BookedVisit | null>(null);
  const [round, setRound] = useState(0);
  if (booked) {
    const another = () => {
      setBooked(null);
      setRound(round + 1);
    };
    return <BookingConfirmation visit={booked} staff={staff} caseNumber={caseNumber} onAnother={another} />;
  }
  return <BookingForm key={round} staff={staff} caseNumber={caseNumber} onBooked={setBooked} />;
}

function BookingForm({
  staff,
  caseNumber,
  onBooked,
}: {
  staff: boolean;
  caseNumber?: string;
  onBooked(visit: BookedVisit): void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const { catalogue, problem: catalogueProblem } = useVisitCatalogue();
  const bookable = useMemo(() => bookingWindow(staff), [staff]);
  const [place, setPlace] = useState<Place>({ officeCode: '', serviceCode: '', date: bookable.first });
  const [start, setStart] = useState('');
  const [resident, setResident] = useState<ResidentFields>({ name: '', phone: '', email: '' });
  const [problems, setProblems] = useState<BookingProblems>({});
  const [busy, setBusy] = useState(false);
  const dayInWindow = place.date >= bookable.first && place.date <= bookable.last;
  const slots = useSlots({ ...place, date: dayInWindow ? place.date : '' }, staff);
  const caseProblem = useCallerOfCase(caseNumber, setResident);

  function choosePlace(next: Place) {
    setPlace(next);
    setStart('');
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (!start) {
      setProblems({ slot: t('visits.slots.required') });
      return;
    }
    setBusy(true);
    setProblems({});
    try {
      const { body } = await request<BookedVisit>('/visits', {
        method: 'POST',
        body: {
          officeCode: place.officeCode,
          serviceCode: place.serviceCode,
          start,
          ...residentOf(resident),
          caseNumber,
        },
        anonymous: !staff,
      });
      onBooked(body);
    } catch (error) {
      const found = problemsOf(error as ApiProblem, i18n, caseNumber);
      setProblems(found);
      // Show the day as it is now; the typed resident stays.
      if (found.slotGone) {
        setStart('');
        slots.reload();
      }
    } finally {
      setBusy(false);
    }
  }

  // An agent types a caller's details: the browser's own suggestions (the agent's) would mislead.
  const field = (name: keyof ResidentFields, autoComplete: string) => ({
    autoComplete: staff ? 'off' : autoComplete,
    value: resident[name],
    onValue: (value: string) => setResident({ ...resident, [name]: value }),
    error: problems[name],
  });

  return (
    <section class="panel visit-panel">
      <h1>{t(staff ? 'visits.book.staffTitle' : 'visits.book.title')}</h1>
      <p class="lead">{t(staff ? 'visits.book.staffLead' : 'visits.book.lead')}</p>
      {caseNumber && <CaseLine caseNumber={caseNumber} />}
      {caseProblem && <ProblemNotice text={caseProblem} />}
      <ProblemNotice problem={catalogueProblem} />
      {problems.banner && <ProblemNotice text={problems.banner} />}
      <ProblemNotice problem={problems.problem} />
      {!catalogue && !catalogueProblem && <p role="status">{t('common.loading')}</p>}
      {catalogue && (
        <form onSubmit={submit} noValidate>
          <PlaceFields catalogue={catalogue} place={place} bookable={bookable} onPlace={choosePlace} />
          <SlotPicker list={slots} chosen={start} onChoose={setStart} error={problems.slot} />
          <fieldset>
            <legend>{t(staff ? 'visits.book.residentStaff' : 'visits.book.resident')}</legend>
            <p class="visit-note">{t('visits.book.contactHint')}</p>
            <TextField label={t('visits.book.name')} required {...field('name', 'name')} />
            <div class="grid">
              <TextField label={t('visits.book.phone')} type="tel" {...field('phone', 'tel')} />
              <TextField label={t('visits.book.email')} type="email" {...field('email', 'email')} />
            </div>
          </fieldset>
          <div class="actions">
            <button class="button" type="submit" disabled={busy}>
              {t('visits.book.submit')}
            </button>
            {busy && <span role="status">{t('visits.book.sending')}</span>}
          </div>
        </form>
      )}
    </section>
  );
}

/** Office, then a service of that office, then a day of the booking window. */
function PlaceFields({
  catalogue,
  place,
  bookable,
  onPlace,
}: {
  catalogue: VisitCatalogue;
  place: Place;
  bookable: { first: string; last: string };
  onPlace(place: Place): void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const services = place.officeCode ? servicesAt(catalogue, place.officeCode) : [];
  const office = catalogue.offices.find((candidate) => candidate.code === place.officeCode);
  const choose = t('visits.book.choose');
  const dayOutside = place.date && (place.date < bookable.first || place.date > bookable.last);
  const range = { first: i18n.date(bookable.first), last: i18n.date(bookable.last) };
  return (
    <fieldset>
      <legend>{t('visits.book.where')}</legend>
      <SelectField
        label={t('visits.book.office')}
        hint={office?.address}
        value={place.officeCode}
        onValue={(officeCode) => {
          const keepService = servicesAt(catalogue, officeCode).some((service) => service.code === place.serviceCode);
          onPlace({ ...place, officeCode, serviceCode: keepService ? place.serviceCode : '' });
        }}
        options={[
          { value: '', label: choose },
          ...catalogue.offices.map((candidate) => ({ value: candidate.code, label: candidate.name })),
        ]}
      />
      <SelectField
        label={t('visits.book.service')}
        hint={place.officeCode ? undefined : t('visits.book.serviceHint')}
        value={place.serviceCode}
        onValue={(serviceCode) => onPlace({ ...place, serviceCode })}
        disabled={!place.officeCode}
        options={[
          { value: '', label: choose },
          ...services.map((service) => ({
            value: service.code,
            label: t('visits.book.serviceOption', { name: service.name, minutes: service.durationMinutes }),
          })),
        ]}
      />
      <TextField
        label={t('visits.book.day')}
        type="date"
        min={bookable.first}
        max={bookable.last}
        hint={t('visits.book.dayHint', range)}
        error={dayOutside ? t('visits.book.dayOutside', range) : undefined}
        value={place.date}
        onValue={(date) => onPlace({ ...place, date })}
      />
    </fieldset>
  );
}

function CaseLine({ caseNumber }: { caseNumber: string }) {
  const { t } = useI18n();
  return (
    <p class="notice notice--info" data-testid="booking-case">
      {t('visits.book.forCase')} <a href={`/staff/cases/${encodeURIComponent(caseNumber)}`}>{caseNumber}</a>
    </p>
  );
}

/** The caller's name and contact from the case the agent books for, filled in where nothing was typed yet. */
function useCallerOfCase(
  caseNumber: string | undefined,
  setResident: (fill: (typed: ResidentFields) => ResidentFields) => void,
) {
  const i18n = useI18n();
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (!caseNumber) return;
    let live = true;
    get<Case>(`/cases/${encodeURIComponent(caseNumber)}`).then(
      (found) =>
        live &&
        setResident((typed) => ({
          name: typed.name || (found.resident?.name ?? ''),
          phone: typed.phone || (found.resident?.phone ?? ''),
          email: typed.email || (found.resident?.email ?? ''),
        })),
      (error: ApiProblem) => live && setProblem(caseProblemText(error, i18n, caseNumber)),
    );
    return () => {
      live = false;
    };
  }, [caseNumber]);
  return problem;
}

function caseProblemText(problem: ApiProblem, i18n: I18n, caseNumber: string): string | null {
  if (problem.status === 404) return i18n.t('visits.book.caseNotFound', { number: caseNumber });
  if (problem.status === 400) return i18n.t('visits.book.caseInvalid', { number: caseNumber });
  return null;
}

/** The resident as the api takes them: a blank phone or e-mail is left out, not sent empty. */
function residentOf(fields: ResidentFields) {
  return {
    resident: {
      name: fields.name.trim(),
      phone: fields.phone.trim() || undefined,
      email: fields.email.trim() || undefined,
    },
  };
}

/** What went wrong, said next to what the person can change. */
function problemsOf(problem: ApiProblem, { t }: I18n, caseNumber?: string): BookingProblems {
  if (problem.code === 'slot-full') return { banner: t('visits.book.slotTaken'), slotGone: true };
  if (problem.code === 'booking-limit-reached') return { banner: t('visits.book.limitReached') };
  if (problem.status === 404 && caseNumber) return { banner: t('visits.book.caseNotFound', { number: caseNumber }) };
  if (problem.status !== 400) return { problem };
  const failed = (field: string) => problem.errors.some((error) => error.field === field);
  if (failed('caseNumber')) return { banner: t('visits.book.caseInvalid', { number: caseNumber ?? '' }) };
  const fields: BookingProblems = {
    name: failed('resident.name') ? t('visits.book.nameInvalid') : undefined,
    phone: failed('resident.phone')
      ? t('visits.book.phoneInvalid')
      : failed('resident')
        ? t('visits.book.contactNeeded')
        : undefined,
    email: failed('resident.email') ? t('visits.book.emailInvalid') : undefined,
    slot: failed('start') ? t('visits.book.slotGone') : undefined,
  };
  if (!Object.values(fields).some(Boolean)) return { problem };
  return { ...fields, slotGone: Boolean(fields.slot), banner: t('common.fixFields') };
}

function BookingConfirmation({
  visit,
  staff,
  caseNumber,
  onAnother,
}: {
  visit: BookedVisit;
  staff: boolean;
  caseNumber?: string;
  onAnother(): void;
}) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section class="panel visit-panel" aria-labelledby="visit-booked-heading" data-testid="visit-confirmation">
      <h1 id="visit-booked-heading" ref={heading} tabIndex={-1}>
        {t('visits.done.title')}
      </h1>
      <div class="readout">
        <div>
          <span class="readout__label">{t('visits.done.code')}</span>
          <VisitCode code={visit.code} />
        </div>
      </div>
      <p class="notice notice--info">
        <strong>{t(staff ? 'visits.done.codeOnceStaff' : 'visits.done.codeOnce')}</strong>
      </p>
      <VisitFacts visit={visit}>
        {caseNumber && (
          <>
            <dt>{t('visits.facts.case')}</dt>
            <dd>
              <a href={`/staff/cases/${encodeURIComponent(caseNumber)}`}>{caseNumber}</a>
            </dd>
          </>
        )}
      </VisitFacts>
      <div class="actions">
        <button class="button button--quiet" type="button" onClick={onAnother}>
          {t('visits.done.another')}
        </button>
        {staff ? (
          <a href={`/staff/visits${queryOf({ office: visit.officeCode, date: warsawDateOf(visit.start) })}`}>
            {t('visits.done.officeDay')}
          </a>
        ) : (
          <a href="/visits/manage">{t('visits.done.manage')}</a>
        )}
      </div>
    </section>
  );
}
