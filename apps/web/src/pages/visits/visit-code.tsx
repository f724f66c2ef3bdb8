import { useI18n } from '../../i18n/i18n';
import { TextField } from '../../ui/fields';

/** 8 characters of Crockford base32 (the api also reads I, L and O, as typed by mistake for 1 and 0). */
const VISIT_CODE = /^[0-9A-TV-Z]{8}$/;

/** The code as typed, as the api reads it: without spaces and hyphens, in capitals. */
export function normalizedCode(typed: string): string {
  return typed.replace(/[\s-]/g, '').toUpperCase();
}

export function isVisitCode(code: string): boolean {
  return VISIT_CODE.test(code);
}

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
