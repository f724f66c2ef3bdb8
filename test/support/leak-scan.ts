/**
 * A scan of what the public was shown for personal data: every answer a public route gave, as text, against the
 * secrets a test planted (a resident's name, phone, e-mail, a description, an internal note, a member of staff's
 * username). Make the secrets distinctive (`OPIS-KANAREK-5f3a …`) so that a hit can only be a leak.
 */

/** The least a secret must be to mean something when found (a short one would be found by chance). */
const MIN_SECRET_LENGTH = 6;

/** What an answer showed, as one text: status, every header and the body as sent. */
export function answerText(response: {
  status: number;
  headers: Record<string, unknown>;
  text?: string;
  body?: unknown;
}): string {
  const body = typeof response.text === 'string' ? response.text : JSON.stringify(response.body ?? null);
  return `${response.status}\n${JSON.stringify(response.headers)}\n${body}`;
}

/** The forms a secret may take in an answer: as written, escaped in JSON, percent-encoded in a URL. */
function formsOf(secret: string): string[] {
  return [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)].map((form) => form.toLowerCase());
}

/** Where a secret turns up in the texts, one line each (empty when nowhere). */
export function findPersonalData(texts: string[], secrets: string[]): string[] {
  const tooShort = secrets.filter((secret) => secret.replace(/\s/g, '').length < MIN_SECRET_LENGTH);
  if (tooShort.length) throw new Error(`Secrets too short to scan for: ${JSON.stringify(tooShort)}`);
  const squeeze = (text: string) => text.replace(/\s/g, '');
  return texts.flatMap((text, index) => {
    const lower = text.toLowerCase();
    return secrets
      .filter(
        (secret) =>
          formsOf(secret).some((form) => lower.includes(form)) ||
          // "+48 699 013 713" shown as "+48699013713"
          squeeze(lower).includes(squeeze(secret.toLowerCase())),
      )
      .map((secret) => `answer ${index + 1} shows ${JSON.stringify(secret)}: ${text.slice(0, 300)}`);
  });
}

/** Fails when any text holds any secret, in any of the forms above (letter case and white space ignored). */
export function expectNoPersonalData(texts: string[], secrets: string[]): void {
  if (!texts.length) throw new Error('No answers to scan: the scan would pass without looking at anything.');
  const leaks = findPersonalData(texts, secrets);
  if (leaks.length) throw new Error(`Personal data in public answers:\n  ${leaks.join('\n  ')}`);
}
