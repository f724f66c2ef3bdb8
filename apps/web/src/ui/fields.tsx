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

/** A labelled control with its hint and its problem, tied together for screen readers. */
function Frame({
  label,
  error,
  hint,
  optional,
  class: className,
  children,
}: FieldFrame & { children: (ids: { id: string; describedBy?: string }) => ComponentChildren }) {
  const { t } = useI18n();
  const id = useId();
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field ${error ? 'field--invalid' : ''} ${className ?? ''}`}>
      <label for={id}>
        {label}
        {optional && <span class="field__optional"> {t('common.optional')}</span>}
      </label>
      {children({ id, describedBy: described })}
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
      {({ id, describedBy }) => (
        <input
          {...(rest as object)}
          ref={inputRef}
          id={id}
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
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
      {({ id, describedBy }) => (
        <textarea
          {...rest}
          id={id}
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onInput={(event) => onValue(event.currentTarget.value)}
        />
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
      {({ id, describedBy }) => (
        <select
          {...(rest as object)}
          id={id}
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
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
