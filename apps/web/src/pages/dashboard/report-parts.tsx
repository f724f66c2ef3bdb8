import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { type ApiProblem, downloadCsv } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { Loaded } from '../../ui/loaded';
import { ProblemNotice } from '../../ui/problem';

export interface CsvDownload {
  path: string;
  fileName: string;
  /** What the file holds, read after the button's text so each button on the page has its own name. */
  what: string;
}

export function CsvButton({ path, fileName, what }: CsvDownload) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);

  async function download() {
    setBusy(true);
    setProblem(null);
    try {
      await downloadCsv(path, fileName);
    } catch (error) {
      setProblem(error as ApiProblem);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="report-head__download">
      <button class="button button--quiet button--small" type="button" disabled={busy} onClick={download}>
        {t('common.downloadCsv')}
        <span class="visually-hidden"> — {what}</span>
      </button>
      <ProblemNotice problem={problem} />
    </div>
  );
}

/**
 * A panel of the dashboard: its heading, its CSV download, a note, then its report once it has arrived (until then
 * that it is loading, or why it failed).
 */
export function ReportSection<T>({
  id,
  title,
  download,
  note,
  report,
  children,
}: {
  id: string;
  title: string;
  download?: CsvDownload;
  note?: string;
  report: { data: T | null; problem: ApiProblem | null };
  children: (data: T) => ComponentChildren;
}) {
  return (
    <section class="panel" aria-labelledby={id}>
      <div class="report-head">
        <h2 id={id}>{title}</h2>
        {/* Keyed by what it downloads: a failed download of another range is not this one's problem. */}
        {download && <CsvButton key={download.path} {...download} />}
      </div>
      {note && <p class="report-note">{note}</p>}
      <Loaded data={report.data} problem={report.problem}>
        {children}
      </Loaded>
    </section>
  );
}
