/*
 * Words of a case that more than one feature speaks: cases store them, routing rules match and set them. The
 * database's CHECK constraints spell the same lists; test/schema.e2e-spec.ts holds them to these.
 */
export const CHANNELS = [
  'phone',
  'email',
  'web',
  'chat',
  'in_person',
  'letter',
  'drop_box',
  'mobile_app',
  'social',
  'open311',
] as const;
export type Channel = (typeof CHANNELS)[number];

/** Least to most urgent. */
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];
