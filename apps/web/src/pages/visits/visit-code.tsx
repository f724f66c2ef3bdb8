import { useI18n } from '../../i18n/i18n';
import { TextField } from '../../ui/fields';

/** The field residents and desk staff type a visit code into. */
export function VisitCodeField({
  value,
  onValue,
  error,
}: {
  value: string;
  onValue(value: string): void;
  error?: string;
}) {
  const { t } = useI18n();
  return (
    <TextField
      label={t('visits.code.label')}
      hint={t('visits.code.hint')}
      error={error}
      value={value}
      onValue={onValue}
      autoComplete="off"
      autoCapitalize="characters"
      spellcheck={false}
      maxLength={32}
      required
    />
  );
}

/** The code as the api gave it, shown in two groups of four to be read out (its text stays the bare code). */
export function VisitCode({ code }: { code: string }) {
  return (
    <span class="readout__value" data-testid="visit-code">
      <span>{code.slice(0, 4)}</span>
      <span class="visit-code__second">{code.slice(4)}</span>
    </span>
  );
}
