/** A message: plain text with `{name}` placeholders, or plural forms chosen by `{count}` (Intl.PluralRules). */
export type Message = string | (Partial<Record<Intl.LDMLPluralRule, string>> & { other: string });

/** One area's messages in Polish (the source) and English, which must have exactly the same keys. */
export function defineMessages<const Keys extends string>(
  pl: Record<Keys, Message>,
  en: Record<NoInfer<Keys>, Message>,
): { pl: Record<Keys, Message>; en: Record<Keys, Message> } {
  return { pl, en };
}
