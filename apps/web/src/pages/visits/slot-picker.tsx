import { useId } from 'preact/hooks';
import { type ApiProblem, queryOf } from '../../api/client';
import type { Slot } from '../../api/types';
import { useApi } from '../../hooks/use-api';
import { useI18n } from '../../i18n/i18n';
import { Loaded } from '../../ui/loaded';

export interface SlotQuery {
  officeCode: string;
  serviceCode: string;
  /** Empty while the day is not one that can be booked. */
  date: string;
}

export interface SlotList {
  /** Whether office, service and day are all chosen. */
  ready: boolean;
  slots: Slot[] | null;
  problem: ApiProblem | null;
  /** Reads the day's slots again (after a slot was taken by someone else). */
  reload(): void;
}

/** A day's slots of a service at an office; staff read them with their token, which also opens today. */
export function useSlots({ officeCode, serviceCode, date }: SlotQuery, staff: boolean): SlotList {
  const ready = Boolean(officeCode && serviceCode && date);
  const path = ready ? `/visits/slots${queryOf({ officeCode, serviceCode, date })}` : null;
  const { data, problem, reload } = useApi<{ items: Slot[] }>(path, { anonymous: !staff });
  return { ready, slots: data?.items ?? null, problem, reload };
}

interface SlotPickerProps {
  list: SlotList;
  chosen: string;
  onChoose(start: string): void;
  error?: string;
}

/** The day's slots as buttons to press, full ones shown but disabled. */
export function SlotPicker({ list, chosen, onChoose, error }: SlotPickerProps) {
  const { t } = useI18n();
  const errorId = useId();
  return (
    <fieldset aria-describedby={error ? errorId : undefined} data-testid="slot-picker">
      <legend>{t('visits.slots.legend')}</legend>
      <SlotListState list={list} chosen={chosen} onChoose={onChoose} />
      {error && (
        <p class="field__error slot-picker__error" id={errorId}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** What the day offers: a hint until it is chosen, then its slots once read. */
function SlotListState({ list, chosen, onChoose }: Omit<SlotPickerProps, 'error'>) {
  const { t } = useI18n();
  if (!list.ready) return <p class="visit-note">{t('visits.slots.chooseFirst')}</p>;
  return (
    <Loaded data={list.slots} problem={list.problem}>
      {(slots) =>
        slots.length ? (
          <>
            {slots.every((slot) => slot.free === 0) && <p class="notice notice--info">{t('visits.slots.allTaken')}</p>}
            <ul class="slots">
              {slots.map((slot) => (
                <li key={slot.start}>
                  <SlotButton slot={slot} pressed={slot.start === chosen} onChoose={onChoose} />
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p class="notice notice--info">{t('visits.slots.none')}</p>
        )
      }
    </Loaded>
  );
}

function SlotButton({ slot, pressed, onChoose }: { slot: Slot; pressed: boolean; onChoose(start: string): void }) {
  const i18n = useI18n();
  const time = i18n.time(slot.start);
  return (
    <button
      type="button"
      class="slot"
      aria-pressed={pressed}
      disabled={slot.free === 0}
      aria-label={
        slot.free
          ? i18n.t('visits.slots.label', { time, count: slot.free })
          : i18n.t('visits.slots.labelFull', { time })
      }
      onClick={() => onChoose(slot.start)}
    >
      {time}{' '}
      <small>{slot.free ? i18n.t('visits.slots.free', { count: slot.free }) : i18n.t('visits.slots.full')}</small>
    </button>
  );
}
