import { createHash } from 'node:crypto';

/** The page's one style sheet; the content security policy allows it by its hash, and nothing else. */
const STYLE = `
body { font: 16px/1.5 system-ui, sans-serif; background: #f4f5f7; color: #1d2330; margin: 0; }
main { max-width: 22rem; margin: 12vh auto; padding: 2rem; background: #fff; border-radius: 8px;
  box-shadow: 0 1px 4px rgba(0, 0, 0, .15); }
h1 { font-size: 1.3rem; margin: 0 0 1rem; }
label { display: block; margin-top: 1rem; font-weight: 600; }
input { box-sizing: border-box; width: 100%; padding: .5rem; font: inherit; border: 1px solid #9aa3b2; border-radius: 4px; }
button { margin-top: 1.5rem; width: 100%; padding: .6rem; font: inherit; font-weight: 600; color: #fff;
  background: #1f5fbf; border: 0; border-radius: 4px; cursor: pointer; }
.error { color: #a11; background: #fdecec; padding: .5rem .75rem; border-radius: 4px; }
`;

/**
 * The sign-in page's content security policy: no script at all, its own style sheet only, and its form may post
 * only to this site.
 */
export const SIGN_IN_PAGE_CSP =
  `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; ` +
  "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]);
}

/**
 * The staff sign-in page: a plain HTML form that posts to itself. A failed attempt shows it again with a message
 * and the username typed, never the password.
 */
export function signInPage({ action, error, username = '' }: { action: string; error?: string; username?: string }) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Sign in · Contact centre staff pages</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Contact centre · staff sign-in</h1>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>\n` : ''}<form method="post" action="${escapeHtml(action)}">
<label for="username">Username</label>
<input id="username" name="username" autocomplete="username" required maxlength="64" autofocus value="${escapeHtml(username)}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="256">
<button type="submit">Sign in</button>
</form>
</main>
</body>
</html>
`;
}
