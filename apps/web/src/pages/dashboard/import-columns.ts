/**
 * The header of a case-history file, exactly: these columns in this order. The api has its own list (the import's
 * rules); a test holds the two the same.
 */
export const IMPORT_COLUMNS = [
  'external_ref',
  'received_at',
  'channel',
  'category_code',
  'subject',
  'description',
  'status',
  'resolved_at',
] as const;
