/** The longest range the reports answer. */
export const MAX_MONTHS = 120;
