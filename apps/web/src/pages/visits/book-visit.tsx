import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { type ApiProblem, queryOf, request } from '../../api/client';
import type { BookedVisit, Case } from '../../api/types';
import { useApi } from '../../hooks/use-api';
import { useI18n, type I18n } from '../../i18n/i18n';
import { warsawDateOf } from '../../i18n/warsaw-time';
import { SelectField, TextField } from '../../ui/fields';
import { CaseLink } from '../../ui/links';
import { Loaded } from '../../ui/loaded';
import { problemText, ProblemNotice } from '../../ui/problem';
import { type FieldRule, FormProblemNotice, type FormProblems, formProblemsOf, type Said } from './form-problems';
import { SlotPicker, useSlots } from './slot-picker';
import { servicesAt, useVisitCatalogue, type VisitCatalogue } from './visit-catalogue';
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

/** The fields of the form a problem can be said at. */
type BookingField = keyof ResidentFields | 'slot';

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
  const { t } = useI18n();
  const { catalogue, problem: catalogueProblem } = useVisitCatalogue();
  const bookable = useMemo(() => bookingWindow(staff), [staff]);
  const [place, setPlace] = useState<Place>({ officeCode: '', serviceCode: '', date: bookable.first });
  const [start, setStart] = useState('');
  const [resident, setResident] = useState<ResidentFields>({ name: '', phone: '', email: '' });
  const [problems, setProblems] = useState<FormProblems<BookingField>>({ fields: {} });
  const [busy, setBusy] = useState(false);
  const dayInWindow = place.date >= bookable.first && place.date <= bookable.last;
  const slots = useSlots({ ...place, date: dayInWindow ? place.date : '' }, staff);
  const caseProblem = useCallerOfCase(caseNumber, setResident);
  const fieldError = (name: BookingField) => {
    const key = problems.fields[name];
    return key && t(key);
  };

  function choosePlace(next: Place) {
    setPlace(next);
    setStart('');
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (!start) {
      setProblems({ fields: { slot: 'visits.slots.required' } });
      return;
    }
    setBusy(true);
    setProblems({ fields: {} });
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
      const problem = error as ApiProblem;
      const found = bookingProblemsOf(problem, caseNumber);
      setProblems(found);
      // The chosen slot cannot be had any more: show the day as it is now; the typed resident stays.
      if (problem.code === 'slot-full' || found.fields.slot) {
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
    error: fieldError(name),
  });

  return (
    <section class="panel visit-panel">
      <h1>{t(staff ? 'visits.book.staffTitle' : 'visits.book.title')}</h1>
      <p class="lead">{t(staff ? 'visits.book.staffLead' : 'visits.book.lead')}</p>
      {caseNumber && <CaseLine caseNumber={caseNumber} />}
      {caseNumber && caseProblem && <CaseProblemNotice problem={caseProblem} caseNumber={caseNumber} />}
      <FormProblemNotice problems={problems} />
      <Loaded data={catalogue} problem={catalogueProblem}>
        {(catalogue) => (
          <form onSubmit={submit} noValidate>
            <PlaceFields catalogue={catalogue} place={place} bookable={bookable} onPlace={choosePlace} />
            <SlotPicker list={slots} chosen={start} onChoose={setStart} error={fieldError('slot')} />
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
      </Loaded>
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
        label={t('visits.facts.office')}
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
        label={t('visits.facts.service')}
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
      {t('visits.book.forCase')} <CaseLink number={caseNumber} />
    </p>
  );
}

/** The caller's name and contact from the case the agent books for, filled in where nothing was typed yet. */
function useCallerOfCase(
  caseNumber: string | undefined,
  setResident: (fill: (typed: ResidentFields) => ResidentFields) => void,
): ApiProblem | null {
  const { data: found, problem } = useApi<Case>(caseNumber ? `/cases/${encodeURIComponent(caseNumber)}` : null);
  useEffect(() => {
    if (!found) return;
    setResident((typed) => ({
      name: typed.name || (found.resident?.name ?? ''),
      phone: typed.phone || (found.resident?.phone ?? ''),
      email: typed.email || (found.resident?.email ?? ''),
    }));
  }, [found, setResident]);
  return problem;
}

/** Why the case could not be read: said of the case where it is about its number, else as any problem. */
function caseProblemText(problem: ApiProblem, i18n: I18n, caseNumber: string): string {
  if (problem.status === 404) return i18n.t('visits.book.caseNotFound', { number: caseNumber });
  if (problem.status === 400) return i18n.t('visits.book.caseInvalid', { number: caseNumber });
  return problemText(problem, i18n);
}

function CaseProblemNotice({ problem, caseNumber }: { problem: ApiProblem; caseNumber: string }) {
  const i18n = useI18n();
  return <ProblemNotice text={caseProblemText(problem, i18n, caseNumber)} />;
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

/** Where the api's field problems are said on the booking form (the first that failed wins at each field). */
const BOOKING_FIELD_RULES: FieldRule<BookingField>[] = [
  { api: 'resident.name', field: 'name', say: 'visits.book.nameInvalid' },
  { api: 'resident.phone', field: 'phone', say: 'visits.book.phoneInvalid' },
  { api: 'resident', field: 'phone', say: 'visits.book.contactNeeded' },
  { api: 'resident.email', field: 'email', say: 'visits.book.emailInvalid' },
  { api: 'start', field: 'slot', say: 'visits.book.slotGone' },
];

/** What went wrong, said next to what the person can change. */
function bookingProblemsOf(problem: ApiProblem, caseNumber?: string): FormProblems<BookingField> {
  return formProblemsOf(problem, knownBookingProblem(problem, caseNumber), BOOKING_FIELD_RULES);
}

/** The refusals of a booking the page says in its own words. */
function knownBookingProblem(problem: ApiProblem, caseNumber?: string): Said | undefined {
  if (problem.code === 'slot-full') return { key: 'visits.book.slotTaken' };
  if (problem.code === 'booking-limit-reached') return { key: 'visits.book.limitReached' };
  if (problem.status === 404 && caseNumber) return { key: 'visits.book.caseNotFound', params: { number: caseNumber } };
  if (problem.status === 400 && problem.errors.some((error) => error.field === 'caseNumber')) {
    return { key: 'visits.book.caseInvalid', params: { number: caseNumber ?? '' } };
  }
  return undefined;
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
          <span class="readout__label">{t('visits.code.label')}</span>
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
              <CaseLink number={caseNumber} />
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
            {t('visits.day.title')}
          </a>
        ) : (
          <a href="/visits/manage">{t('visits.done.manage')}</a>
        )}
      </div>
    </section>
  );
}
