export const SLA_KINDS = ['working_days', 'calendar_days', 'months', 'hours'] as const;
export type SlaKind = (typeof SLA_KINDS)[number];

export interface SlaPolicy {
  kind: SlaKind;
  amount: number;
}
