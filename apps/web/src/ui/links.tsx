/** A case's page, by its number. */
export function CaseLink({ number }: { number: string }) {
  return <a href={`/staff/cases/${encodeURIComponent(number)}`}>{number}</a>;
}

/** A phone number a softphone or a mobile can dial (digits and + only in the link). */
export function PhoneLink({ phone }: { phone: string }) {
  return <a href={`tel:${phone.replace(/[^0-9+]/g, '')}`}>{phone}</a>;
}
