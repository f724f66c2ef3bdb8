import { useEffect, useId, useState } from 'preact/hooks';
import { ApiProblem, get, queryOf } from '../../api/client';
import type { Slot } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { ProblemNotice } from '../../ui/problem';

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
  reload(): void;
}

/** A day's slots of a service at an office; staff read them with their token, which also opens today. */
export function useSlots({ officeCode, serviceCode, date }: SlotQuery, staff: boolean): SlotList {
  const [slots, setSlots] = useState<Slot[] | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [round, setRound] = useState(0);
  const ready = Boolean(officeCode && serviceCode && date);
  useEffect(() => {
    setSlots(null);
    setProblem(null);
    if (!ready) return;
    let live = true;
    get<{ items: Slot[] }>(`/visits/slots${queryOf({ officeCode, serviceCode, date })}`, { anonymous: !staff }).then(
      (answer) => live && setSlots(answer.items),
      (error: ApiProblem) => live && setProblem(error),
    );
    return () => {
      live = false;
    };
  }, [officeCode, serviceCode, date, staff, ready, round]);
  return { ready, slots, problem, reload: () => setRound((value) => value + 1) };
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

function SlotListState({ list, chosen, onChoose }: Omit<SlotPickerProps, 'error'>) {
  const { t } = useI18n();
  if (!list.ready) return <p class="visit-note">{t('visits.slots.chooseFirst')}</p>;
  if (list.problem) return <ProblemNotice problem={list.problem} />;
  if (!list.slots) return <p role="status">{t('visits.slots.loading')}</p>;
  if (!list.slots.length) return <p class="notice notice--info">{t('visits.slots.none')}</p>;
  return (
    <>
      {list.slots.every((slot) => slot.free === 0) && <p class="notice notice--info">{t('visits.slots.allTaken')}</p>}
      <ul class="slots">
        {list.slots.map((slot) => (
          <li key={slot.start}>
            <SlotButton slot={slot} pressed={slot.start === chosen} onChoose={onChoose} />
          </li>
        ))}
      </ul>
    </>
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
