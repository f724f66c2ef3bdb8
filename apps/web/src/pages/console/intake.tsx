import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiProblem, request } from '../../api/client';
import { CHANNELS, PRIORITIES, type Channel, type CreatedCase, type Priority } from '../../api/types';
import { useCatalogue, type Catalogue } from '../../hooks/catalogue';
import { useI18n, type I18n } from '../../i18n/i18n';
import { CategoryPicker } from '../../ui/category-picker';
import { SelectField, TextArea, TextField } from '../../ui/fields';
import { Loaded } from '../../ui/loaded';
import { ProblemNotice } from '../../ui/problem';
import { useSession } from '../../session';
import { readStored, removeStored, writeStored } from '../../storage';
import { GDANSK_DISTRICTS } from './districts';

interface IntakeDraft {
  channel: Channel;
  categoryCode: string;
  subject: string;
  description: string;
  name: string;
  phone: string;
  email: string;
  address: string;
  district: string;
  priority: Priority;
}

const EMPTY_DRAFT: IntakeDraft = {
  channel: 'phone',
  categoryCode: '',
  subject: '',
  description: '',
  name: '',
  phone: '',
  email: '',
  address: '',
  district: '',
  priority: 'normal',
};

// What is typed survives a reload, an expired sign-in or a lost connection, until the case is logged — for the
// member of staff who typed it only (signing out forgets it).
const DRAFT_KEY = 'cc.intake-draft';

interface StoredDraft {
  username: string;
  draft: IntakeDraft;
}

function storedDraft(username: string): IntakeDraft | null {
  const stored = readStored<StoredDraft>('session', DRAFT_KEY);
  return stored?.username === username ? stored.draft : null;
}

type FieldErrors = Partial<
  Record<'categoryCode' | 'subject' | 'description' | 'phone' | 'email' | 'name' | 'address' | 'district', string>
>;

/** What can be told before asking the api: nothing picked, nothing to say. The api checks everything else. */
function checkDraft(draft: IntakeDraft, { t }: I18n): FieldErrors {
  const errors: FieldErrors = {};
  if (!draft.categoryCode) errors.categoryCode = t('intake.categoryPick');
  if (!draft.subject.trim()) errors.subject = t('intake.subjectRequired');
  return errors;
}

/** The api's field problems at the form's fields (`resident.phone` → phone), in the agent's language where known. */
function fieldErrorsOf(problem: ApiProblem, { t }: I18n): FieldErrors {
  const known: FieldErrors = {
    phone: t('intake.phoneInvalid'),
    email: t('intake.emailInvalid'),
    subject: t('intake.subjectRequired'),
    categoryCode: t('intake.categoryPick'),
  };
  const errors: FieldErrors = {};
  for (const { field, message } of problem.errors) {
    const name = field?.split('.').pop() as keyof FieldErrors | undefined;
    if (name) errors[name] ??= known[name] ?? message;
  }
  return errors;
}

const optional = (text: string) => text.trim() || undefined;

function caseOf(draft: IntakeDraft) {
  const resident = { name: optional(draft.name), phone: optional(draft.phone), email: optional(draft.email) };
  const location = { address: optional(draft.address), district: optional(draft.district) };
  return {
    channel: draft.channel,
    categoryCode: draft.categoryCode,
    subject: draft.subject.trim(),
    description: optional(draft.description),
    priority: draft.priority,
    resident: Object.values(resident).some(Boolean) ? resident : undefined,
    location: Object.values(location).some(Boolean) ? location : undefined,
  };
}

export function IntakePage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { catalogue, catalogueProblem } = useCatalogue();
  const username = useSession().session?.username ?? '';
  const restored = useRef(storedDraft(username));
  const [draft, setDraft] = useState<IntakeDraft>(restored.current ?? EMPTY_DRAFT);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<CreatedCase | null>(null);
  // One key per case being logged: a retry after a lost answer returns the same case instead of a second one.
  const idempotencyKey = useRef(crypto.randomUUID());
  const categoryInput = useRef<HTMLInputElement>(null);
  const subjectInput = useRef<HTMLInputElement>(null);

  // The agent starts typing the moment the form is there (and again for the next case).
  useEffect(() => {
    if (catalogue && !created) categoryInput.current?.focus();
  }, [catalogue, created]);

  useEffect(() => {
    if (JSON.stringify(draft) === JSON.stringify(EMPTY_DRAFT)) removeStored('session', DRAFT_KEY);
    else writeStored('session', DRAFT_KEY, { username, draft } satisfies StoredDraft);
  }, [draft]);

  const set =
    <K extends keyof IntakeDraft>(key: K) =>
    (value: IntakeDraft[K]) => {
      setDraft((current) => ({ ...current, [key]: value }));
      setErrors((current) => ({ ...current, [key]: undefined }));
    };

  async function submit(event?: Event) {
    event?.preventDefault();
    if (busy) return;
    const found = checkDraft(draft, i18n);
    setErrors(found);
    setProblem(null);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const { body } = await request<CreatedCase>('/cases', {
        method: 'POST',
        body: caseOf(draft),
        headers: { 'Idempotency-Key': idempotencyKey.current },
      });
      idempotencyKey.current = crypto.randomUUID();
      setCreated(body);
      setDraft(EMPTY_DRAFT);
    } catch (error) {
      const apiProblem = error as ApiProblem;
      setErrors(fieldErrorsOf(apiProblem, i18n));
      setProblem(apiProblem);
    } finally {
      setBusy(false);
    }
  }

  function startAnother() {
    setCreated(null);
    restored.current = null;
  }

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
  };

  if (created) return <CreatedCaseView created={created} catalogue={catalogue} onAnother={startAnother} />;

  return (
    <section class="panel">
      <div class="page-title">
        <h1>{t('intake.title')}</h1>
        <span class="kbd-hint">{t('intake.keys')}</span>
      </div>
      {restored.current && <div class="notice notice--info">{t('intake.draftKept')}</div>}
      <ProblemNotice problem={problem} />
      <form onSubmit={submit} onKeyDown={onKeyDown} noValidate aria-busy={busy}>
        <Loaded data={catalogue} problem={catalogueProblem}>
          {(loaded) => (
            <CategoryPicker
              categories={loaded.categories}
              value={draft.categoryCode}
              onPick={set('categoryCode')}
              onPicked={() => subjectInput.current?.focus()}
              error={errors.categoryCode}
              inputRef={categoryInput}
              unitName={loaded.unitName}
            />
          )}
        </Loaded>
        <TextField
          label={t('intake.subject')}
          value={draft.subject}
          onValue={set('subject')}
          error={errors.subject}
          maxLength={200}
          inputRef={subjectInput}
          required
        />
        <TextArea
          label={t('intake.description')}
          value={draft.description}
          onValue={set('description')}
          error={errors.description}
          optional
          maxLength={10000}
        />
        <fieldset>
          <legend>{t('intake.resident')}</legend>
          <div class="grid">
            <TextField
              label={t('intake.name')}
              value={draft.name}
              onValue={set('name')}
              error={errors.name}
              optional
              autoComplete="off"
              maxLength={200}
            />
            <TextField
              label={t('intake.phone')}
              type="tel"
              value={draft.phone}
              onValue={set('phone')}
              error={errors.phone}
              optional
              autoComplete="off"
            />
            <TextField
              label={t('intake.email')}
              type="email"
              value={draft.email}
              onValue={set('email')}
              error={errors.email}
              optional
              autoComplete="off"
            />
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('intake.place')}</legend>
          <div class="grid">
            <TextField
              label={t('intake.address')}
              value={draft.address}
              onValue={set('address')}
              error={errors.address}
              optional
              autoComplete="off"
              maxLength={300}
            />
            <TextField
              label={t('intake.district')}
              value={draft.district}
              onValue={set('district')}
              error={errors.district}
              optional
              autoComplete="off"
              list="gdansk-districts"
              maxLength={100}
            />
            <datalist id="gdansk-districts">
              {GDANSK_DISTRICTS.map((district) => (
                <option key={district} value={district} />
              ))}
            </datalist>
          </div>
        </fieldset>
        <div class="grid">
          <SelectField
            label={t('intake.channel')}
            value={draft.channel}
            onValue={(value) => set('channel')(value as Channel)}
            options={CHANNELS.filter((channel) => channel !== 'open311').map((channel) => ({
              value: channel,
              label: t(`channel.${channel}`),
            }))}
          />
          <SelectField
            label={t('intake.priority')}
            value={draft.priority}
            onValue={(value) => set('priority')(value as Priority)}
            options={PRIORITIES.map((priority) => ({ value: priority, label: t(`priority.${priority}`) }))}
          />
        </div>
        <div class="actions">
          <button class="button" type="submit" disabled={busy}>
            {busy ? t('intake.saving') : t('intake.submit')}
          </button>
          <span class="kbd-hint">
            <kbd>Ctrl</kbd> + <kbd>Enter</kbd>
          </span>
        </div>
      </form>
    </section>
  );
}

function CreatedCaseView({
  created,
  catalogue,
  onAnother,
}: {
  created: CreatedCase;
  catalogue: Catalogue | null;
  onAnother(): void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const due = created.dueDate ? i18n.date(created.dueDate) : '—';
  return (
    <section class="panel" aria-labelledby="created-heading">
      <h1 id="created-heading">{t('intake.created')}</h1>
      <div class="readout" role="status">
        <div>
          <span class="readout__label">{t('intake.number')}</span>
          <span class="readout__value" data-testid="case-number">
            {created.number}
          </span>
        </div>
        <div>
          <span class="readout__label">{t('intake.trackingCode')}</span>
          <span class="readout__value" data-testid="tracking-code">
            {created.trackingCode}
          </span>
        </div>
      </div>
      <p>{t('intake.readOut')}</p>
      <p>
        {created.unitCode
          ? t('intake.routedTo', { unit: catalogue?.unitName(created.unitCode) ?? created.unitCode, due })
          : t('intake.notRouted')}
      </p>
      <div class="actions">
        <button class="button" type="button" onClick={onAnother} ref={(element) => element?.focus()}>
          {t('intake.another')}
        </button>
        <a class="button button--quiet" href={`/staff/cases/${created.number}`}>
          {t('intake.open')}
        </a>
        <a class="button button--quiet" href={`/staff/visits/book?caseNumber=${created.number}`}>
          {t('intake.bookVisit')}
        </a>
      </div>
    </section>
  );
}
