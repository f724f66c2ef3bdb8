import type {
  ComponentChildren,
  PartialInputHTMLAttributes,
  PartialSelectHTMLAttributes,
  Ref,
  TextareaHTMLAttributes,
} from 'preact';
import { useId } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';

interface FieldFrame {
  label: string;
  error?: string;
  hint?: string;
  optional?: boolean;
  class?: string;
}

/** What a framed control carries to be tied to its label, hint and problem. */
interface ControlAttributes {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

/** A labelled control with its hint and its problem, tied together for screen readers. */
export function Frame({
  label,
  error,
  hint,
  optional,
  class: className,
  children,
}: FieldFrame & { children: (control: ControlAttributes) => ComponentChildren }) {
  const { t } = useI18n();
  const id = useId();
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  const control: ControlAttributes = {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': described,
  };
  return (
    <div class={`field ${error ? 'field--invalid' : ''} ${className ?? ''}`}>
      <label for={id}>
        {label}
        {optional && <span class="field__optional"> {t('common.optional')}</span>}
      </label>
      {children(control)}
      {hint && (
        <p class="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

type InputProps = FieldFrame &
  Omit<PartialInputHTMLAttributes<HTMLInputElement>, 'label' | 'onInput' | 'value' | 'ref'> & {
    value: string;
    onValue(value: string): void;
    inputRef?: Ref<HTMLInputElement>;
    /** The id of a datalist of suggestions. */
    list?: string;
  };

export function TextField({
  label,
  error,
  hint,
  optional,
  class: className,
  value,
  onValue,
  inputRef,
  ...rest
}: InputProps) {
  return (
    <Frame label={label} error={error} hint={hint} optional={optional} class={className}>
      {(control) => (
        <input
          {...(rest as object)}
          ref={inputRef}
          {...control}
          value={value}
          onInput={(event) => onValue(event.currentTarget.value)}
        />
      )}
    </Frame>
  );
}

type AreaProps = FieldFrame &
  Omit<TextareaHTMLAttributes, 'label' | 'onInput' | 'value'> & {
    value: string;
    onValue(value: string): void;
  };

export function TextArea({ label, error, hint, optional, class: className, value, onValue, ...rest }: AreaProps) {
  return (
    <Frame label={label} error={error} hint={hint} optional={optional} class={className}>
      {(control) => (
        <textarea {...rest} {...control} value={value} onInput={(event) => onValue(event.currentTarget.value)} />
      )}
    </Frame>
  );
}

type SelectProps = FieldFrame &
  Omit<PartialSelectHTMLAttributes<HTMLSelectElement>, 'label' | 'onChange' | 'value'> & {
    value: string;
    onValue(value: string): void;
    options: { value: string; label: string }[];
  };

export function SelectField({
  label,
  error,
  hint,
  optional,
  class: className,
  value,
  onValue,
  options,
  ...rest
}: SelectProps) {
  return (
    <Frame label={label} error={error} hint={hint} optional={optional} class={className}>
      {(control) => (
        <select
          {...(rest as object)}
          {...control}
          value={value}
          onChange={(event) => onValue(event.currentTarget.value)}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Frame>
  );
}

/** A file chooser, framed as the other fields (a file input takes no value to set). */
export function FileField({
  label,
  hint,
  error,
  accept,
  disabled,
  onFile,
}: FieldFrame & { accept: string; disabled?: boolean; onFile(file: File | null): void }) {
  return (
    <Frame label={label} error={error} hint={hint}>
      {(control) => (
        <input
          {...control}
          type="file"
          accept={accept}
          required
          disabled={disabled}
          onChange={(event) => onFile(event.currentTarget.files?.[0] ?? null)}
        />
      )}
    </Frame>
  );
}
