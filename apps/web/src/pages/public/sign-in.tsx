import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { ApiProblem } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { homeOf, staffPageOf, useSession } from '../../session';
import { TextField } from '../../ui/fields';
import { ProblemNotice } from '../../ui/problem';

export function SignInPage() {
  const { t } = useI18n();
  const { signIn, expired } = useSession();
  const { query, route } = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const session = await signIn(username.trim(), password);
      // Back to the page that asked for a sign-in, or the role's own start page.
      route(staffPageOf(query.next) ?? homeOf(session.role), true);
    } catch (error) {
      setProblem(error as ApiProblem);
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="panel panel--narrow">
      <h1>{t('signIn.title')}</h1>
      {expired && !problem && <div class="notice notice--info">{t('problem.sessionExpired')}</div>}
      {problem && <ProblemNotice text={problem.status === 401 ? t('signIn.wrong') : undefined} problem={problem} />}
      <form onSubmit={submit}>
        <TextField
          label={t('signIn.username')}
          value={username}
          onValue={setUsername}
          autoComplete="username"
          autoFocus
          required
        />
        <TextField
          label={t('signIn.password')}
          type="password"
          value={password}
          onValue={setPassword}
          autoComplete="current-password"
          required
        />
        <button class="button" type="submit" disabled={busy}>
          {t('signIn.submit')}
        </button>
      </form>
    </section>
  );
}
