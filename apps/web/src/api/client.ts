// The one way the pages talk to the api: JSON over fetch, the staff token as a bearer header (ADR 0021), every
// error answer turned into an ApiProblem that the forms show next to their fields.

const API = '/api/v1';

export interface FieldProblem {
  field?: string;
  row?: number;
  message: string;
}

/** An RFC 9457 problem the api answered with (or a network failure, status 0). */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly errors: FieldProblem[] = [],
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(detail || title);
  }

  /** The message of a field's problem, looked up by its path (`resident.phone`) or its last segment. */
  fieldMessage(field: string): string | undefined {
    return this.errors.find((error) => error.field === field || error.field?.endsWith(`.${field}`))?.message;
  }
}

const PROBLEM_TYPE_PREFIX = 'https://contact-centre.gdansk.pl/problems/';

/** The token of the signed-in member of staff, if any; set by the session. */
let bearerToken: string | null = null;
let onUnauthenticated: () => void = () => undefined;

export function setBearerToken(token: string | null, whenRefused: () => void): void {
  bearerToken = token;
  onUnauthenticated = whenRefused;
}

/** The staff token's header, unless the call is the public's. */
function authHeaders(anonymous = false): Record<string, string> {
  return bearerToken && !anonymous ? { Authorization: `Bearer ${bearerToken}` } : {};
}

const networkProblem = () => new ApiProblem(0, 'network', 'Network', '');

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
  /** Send without the staff token (the residents' pages). */
  anonymous?: boolean;
}

interface ApiAnswer<T> {
  body: T;
  etag: string | null;
  status: number;
}

/** A JSON request; resolves with the body and ETag, or rejects with an ApiProblem. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
    ...authHeaders(options.anonymous),
    ...options.headers,
  };
  let response: Response;
  try {
    response = await fetch(`${API}${path}`, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      // Answers carry personal data: never from or into the browser's cache (a shared desk's next user).
      cache: 'no-store',
    });
  } catch {
    throw networkProblem();
  }
  if (!response.ok) throw await problemOf(response, !options.anonymous);
  const body = (response.status === 204 ? null : await response.json()) as T;
  return { body, etag: response.headers.get('ETag'), status: response.status };
}

export async function get<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return (await request<T>(path, options)).body;
}

/** Reads an error answer as a problem; a refused staff token signs the page out. */
async function problemOf(response: Response, staff: boolean): Promise<ApiProblem> {
  const retryAfter = Number(response.headers.get('Retry-After'));
  let body: { type?: string; title?: string; detail?: string; errors?: FieldProblem[] } = {};
  try {
    body = await response.json();
  } catch {
    // not a problem document (a proxy's page): the status says enough
  }
  if (response.status === 401 && staff && bearerToken) onUnauthenticated();
  return new ApiProblem(
    response.status,
    (body.type ?? '').replace(PROBLEM_TYPE_PREFIX, ''),
    body.title ?? response.statusText,
    body.detail ?? '',
    body.errors ?? [],
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
  );
}

/** `key=value` pairs of the filled-in values only, as a query string with its `?` (or nothing). */
export function queryOf(values: Record<string, string | number | undefined | null>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** Downloads a CSV answer of a staff route as a file (a link cannot carry the bearer header). */
export async function downloadCsv(path: string, fileName: string): Promise<void> {
  const response = await fetch(`${API}${path}`, {
    headers: { Accept: 'text/csv', ...authHeaders() },
    cache: 'no-store',
  });
  if (!response.ok) throw await problemOf(response, true);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Sends a CSV file with upload progress (fetch cannot report it), resolving with the api's JSON answer.
 * `onProgress` gets the fraction sent, 0..1.
 */
export function uploadCsv<T>(path: string, file: Blob, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${API}${path}`);
    xhr.setRequestHeader('Content-Type', 'text/csv');
    xhr.setRequestHeader('Accept', 'application/json');
    for (const [name, value] of Object.entries(authHeaders())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    xhr.onerror = () => reject(networkProblem());
    xhr.onload = async () => {
      const response = new Response(xhr.responseText || null, {
        status: xhr.status,
        headers: { 'Retry-After': xhr.getResponseHeader('Retry-After') ?? '' },
      });
      if (xhr.status >= 200 && xhr.status < 300) resolve(JSON.parse(xhr.responseText) as T);
      else reject(await problemOf(response, true));
    };
    xhr.send(file);
  });
}
