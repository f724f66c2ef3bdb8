import { useId, useState } from 'preact/hooks';
import { type ApiProblem, uploadCsv } from '../../api/client';
import { type MessageKey, useI18n } from '../../i18n/i18n';
import { FileField } from '../../ui/fields';
import { ProblemNotice } from '../../ui/problem';
import './dashboard.css';
import { DataTable } from '../../ui/table';
import { IMPORT_COLUMNS } from './import-columns';

const EXAMPLE = [
  IMPORT_COLUMNS.join(','),
  'CRM-2020-0001,2020-06-01T09:30:00+02:00,phone,dziura-w-jezdni,Dziura na ul. Grunwaldzkiej,,closed,2020-06-05T12:00:00+02:00',
].join('\n');

interface ImportResult {
  imported: number;
  duplicates: number;
}

type ImportState =
  | { phase: 'idle' }
  | { phase: 'sending'; percent: number }
  | { phase: 'saving' }
  | { phase: 'done'; result: ImportResult }
  | { phase: 'failed'; problem: ApiProblem };

/** Loads a file of case history (all or nothing), showing the upload, then the api's verdict row by row. */
export function ImportPage() {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  // A message key, not its text: shown in the language of the moment, switched or not.
  const [fileError, setFileError] = useState<MessageKey | null>(null);
  const [state, setState] = useState<ImportState>({ phase: 'idle' });
  const busy = state.phase === 'sending' || state.phase === 'saving';

  async function submit(event: Event) {
    event.preventDefault();
    setFileError(file ? null : 'import.fileMissing');
    if (!file) return;
    setState({ phase: 'sending', percent: 0 });
    try {
      const result = await uploadCsv<ImportResult>('/imports/cases', file, (fraction) =>
        // Once the last byte is sent the api still reads and stores every row: that wait has no percentage.
        setState(fraction < 1 ? { phase: 'sending', percent: Math.floor(fraction * 100) } : { phase: 'saving' }),
      );
      setState({ phase: 'done', result });
    } catch (error) {
      setState({ phase: 'failed', problem: error as ApiProblem });
    }
  }

  return (
    <>
      <section class="panel">
        <h1>{t('import.title')}</h1>
        <p class="lead">{t('import.lead')}</p>
        <form onSubmit={submit} noValidate>
          <FileField
            label={t('import.file')}
            hint={t('import.fileHint')}
            error={fileError ? t(fileError) : undefined}
            accept=".csv,text/csv"
            disabled={busy}
            onFile={(chosen) => {
              setFile(chosen);
              setFileError(null);
            }}
          />
          <button class="button" type="submit" disabled={busy}>
            {t('import.submit')}
          </button>
        </form>
        <ImportProgress state={state} />
        <ImportOutcome state={state} />
      </section>
      <ColumnsHelp />
    </>
  );
}

function ImportProgress({ state }: { state: ImportState }) {
  const { t } = useI18n();
  const id = useId();
  if (state.phase !== 'sending' && state.phase !== 'saving') return null;
  // Keyed apart: a <progress> is indeterminate only without a value, which one element would carry over.
  return (
    <div class="import-progress" data-testid="import-progress">
      <p id={id}>
        {/* Only the step is announced: a screen reader reading out every percent would drown everything else. */}
        <span role="status">{state.phase === 'sending' ? t('import.sending') : t('import.saving')}</span>
        {state.phase === 'sending' && ` ${t('dashboard.percent', { value: state.percent })}`}
      </p>
      {state.phase === 'sending' ? (
        <progress key="sending" aria-labelledby={id} max={100} value={state.percent} />
      ) : (
        <progress key="saving" aria-labelledby={id} />
      )}
    </div>
  );
}

function ImportOutcome({ state }: { state: ImportState }) {
  const { t } = useI18n();
  if (state.phase === 'done') {
    const { imported, duplicates } = state.result;
    return (
      <>
        <div class="notice notice--ok" role="status" data-testid="import-result">
          {t('import.done', {
            imported: t('import.imported', { count: imported }),
            duplicates: t('import.duplicates', { count: duplicates }),
          })}
        </div>
        <p>
          <a href="/staff/dashboard">{t('import.toDashboard')}</a>
        </p>
      </>
    );
  }
  if (state.phase !== 'failed') return null;
  const { problem } = state;
  if (problem.status !== 400 || !problem.errors.length) return <ProblemNotice problem={problem} />;
  return (
    <>
      <ProblemNotice text={[t('import.invalid'), problem.detail].filter(Boolean).join(' ')} />
      <DataTable class="report-table" caption={t('import.errors.caption')} testId="import-errors">
        <thead>
          <tr>
            <th scope="col" class="num">
              {t('import.errors.row')}
            </th>
            <th scope="col">{t('import.columnName')}</th>
            <th scope="col">{t('import.errors.message')}</th>
          </tr>
        </thead>
        <tbody>
          {problem.errors.map((error, index) => (
            <tr key={index}>
              <td class="num">{error.row ?? '—'}</td>
              <td>
                <code>{error.field ?? '—'}</code>
              </td>
              <td>{error.message}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </>
  );
}

function ColumnsHelp() {
  const { t } = useI18n();
  return (
    <section class="panel" aria-labelledby="import-columns">
      <h2 id="import-columns">{t('import.columns.title')}</h2>
      <p>
        {t('import.columns.lead')} <code>{IMPORT_COLUMNS.join(',')}</code>
      </p>
      <DataTable class="report-table" caption={t('import.columns.caption')}>
        <thead>
          <tr>
            <th scope="col">{t('import.columnName')}</th>
            <th scope="col">{t('import.columns.meaning')}</th>
          </tr>
        </thead>
        <tbody>
          {IMPORT_COLUMNS.map((column) => (
            <tr key={column}>
              <td>
                <code>{column}</code>
              </td>
              <td>{t(`import.column.${column}`)}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      <h3 class="import-example__title">{t('import.example')}</h3>
      <pre class="import-example">{EXAMPLE}</pre>
    </section>
  );
}
