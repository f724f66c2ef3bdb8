import type { ComponentChildren } from 'preact';
import { useLocation } from 'preact-iso';
import type { Role } from '../api/types';
import { useI18n, type MessageKey } from '../i18n/i18n';
import { useSession } from '../session';

const STAFF_LINKS: { href: string; label: MessageKey; roles: Role[] }[] = [
  { href: '/staff/intake', label: 'nav.intake', roles: ['agent', 'supervisor', 'admin'] },
  { href: '/staff/cases', label: 'nav.cases', roles: ['agent', 'supervisor', 'unit_staff', 'admin'] },
  { href: '/staff/callbacks', label: 'nav.callbacks', roles: ['agent', 'supervisor', 'admin'] },
  { href: '/staff/visits', label: 'nav.visits', roles: ['agent', 'supervisor', 'unit_staff', 'admin'] },
  { href: '/staff/dashboard', label: 'nav.dashboard', roles: ['supervisor', 'admin'] },
  { href: '/staff/import', label: 'nav.import', roles: ['supervisor', 'admin'] },
];

const PUBLIC_LINKS: { href: string; label: MessageKey }[] = [
  { href: '/track', label: 'nav.track' },
  { href: '/visits', label: 'nav.book' },
  { href: '/visits/manage', label: 'nav.myVisit' },
];

/** The frame of every page: the city's header, the menu for who is signed in, the language switch. */
export function Layout({ children }: { children: ComponentChildren }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { session, signOut } = useSession();
  const { path, route } = useLocation();
  const staffPage = path.startsWith('/staff');
  const links = staffPage
    ? session
      ? STAFF_LINKS.filter((link) => link.roles.includes(session.role))
      : []
    : PUBLIC_LINKS;
  // The most specific link is the current one: /visits/manage is "my visit", not "book a visit".
  const current = links
    .filter((link) => path === link.href || path.startsWith(`${link.href}/`))
    .sort((a, b) => b.href.length - a.href.length)[0];
  return (
    <>
      <a class="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header class={`masthead ${staffPage ? 'masthead--staff' : ''}`}>
        <div class="masthead__inner">
          <a class="brand" href={staffPage && session ? '/staff' : '/'}>
            <span class="brand__mark" aria-hidden="true">
              G
            </span>
            <span>
              <span class="brand__name">{t('app.name')}</span>
              <span class="brand__city">{t('app.city')}</span>
            </span>
          </a>
          <nav aria-label={t('nav.main')} class="nav">
            {links.map((link) => (
              <a key={link.href} href={link.href} aria-current={link === current ? 'page' : undefined}>
                {t(link.label)}
              </a>
            ))}
          </nav>
          <div class="masthead__tools">
            {staffPage && session && (
              <>
                <span class="who">
                  {t('nav.signedInAs', { username: session.username, role: t(`role.${session.role}`) })}
                </span>
                <button
                  type="button"
                  class="button button--quiet"
                  onClick={() => {
                    signOut();
                    route('/staff/sign-in');
                  }}
                >
                  {t('nav.signOut')}
                </button>
              </>
            )}
            {!staffPage && (
              <a class="button button--quiet" href="/staff">
                {t('nav.staff')}
              </a>
            )}
            <button
              type="button"
              class="button button--quiet"
              lang={i18n.lang === 'pl' ? 'en' : 'pl'}
              aria-label={t('lang.switchLabel')}
              onClick={() => i18n.setLang(i18n.lang === 'pl' ? 'en' : 'pl')}
            >
              {t('lang.switch')}
            </button>
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} class="page">
        {children}
      </main>
    </>
  );
}
