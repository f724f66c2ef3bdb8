import { ErrorBoundary, lazy, LocationProvider, Route, Router, useLocation } from 'preact-iso';
import { I18nProvider, useI18n } from './i18n/i18n';
import { CallbacksPage } from './pages/console/callbacks';
import { CasePage } from './pages/console/case-page';
import { CasesPage } from './pages/console/cases';
import { IntakePage } from './pages/console/intake';
import { HomePage } from './pages/public/home';
import { SignInPage } from './pages/public/sign-in';
import { TrackPage } from './pages/public/track';
import { BookVisitPage } from './pages/visits/book-visit';
import { ManageVisitPage } from './pages/visits/manage-visit';
import { OfficeDayPage } from './pages/visits/office-day';
import { homeOf, SessionProvider, StaffOnly, useSession } from './session';
import { Layout } from './ui/layout';

// The supervisors' pages carry the chart library: loaded only when opened, so the agent console stays small.
const DashboardPage = lazy(() => import('./pages/dashboard/dashboard').then((module) => module.DashboardPage));
const ImportPage = lazy(() => import('./pages/dashboard/import').then((module) => module.ImportPage));

function StaffHome() {
  const { session } = useSession();
  const { route } = useLocation();
  queueMicrotask(() => route(session ? homeOf(session.role) : '/staff/sign-in', true));
  return null;
}

function NotFound() {
  const { t } = useI18n();
  return (
    <section class="panel panel--narrow">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.lead')}</p>
      <p>
        <a href="/">{t('nav.home')}</a>
      </p>
    </section>
  );
}

const staff = (Page: () => preact.JSX.Element | null, roles?: Parameters<typeof StaffOnly>[0]['roles']) =>
  function StaffPage() {
    return (
      <StaffOnly roles={roles}>
        <Page />
      </StaffOnly>
    );
  };

const Intake = staff(IntakePage, ['agent', 'supervisor', 'admin']);
const Cases = staff(CasesPage);
const Case = staff(CasePage);
const Callbacks = staff(CallbacksPage, ['agent', 'supervisor', 'admin']);
const OfficeDay = staff(OfficeDayPage);
const StaffBooking = staff(() => <BookVisitPage staff />);
const Dashboard = staff(() => <DashboardPage />, ['supervisor', 'admin']);
const Import = staff(() => <ImportPage />, ['supervisor', 'admin']);

export function App() {
  return (
    <I18nProvider>
      <LocationProvider>
        <SessionProvider>
          <Layout>
            <ErrorBoundary>
              <Router onRouteChange={() => document.getElementById('main')?.focus()}>
                <Route path="/" component={HomePage} />
                <Route path="/track" component={TrackPage} />
                <Route path="/visits" component={BookVisitPage} />
                <Route path="/visits/manage" component={ManageVisitPage} />
                <Route path="/staff" component={StaffHome} />
                <Route path="/staff/sign-in" component={SignInPage} />
                <Route path="/staff/intake" component={Intake} />
                <Route path="/staff/cases" component={Cases} />
                <Route path="/staff/cases/:number" component={Case} />
                <Route path="/staff/callbacks" component={Callbacks} />
                <Route path="/staff/visits" component={OfficeDay} />
                <Route path="/staff/visits/book" component={StaffBooking} />
                <Route path="/staff/dashboard" component={Dashboard} />
                <Route path="/staff/import" component={Import} />
                <Route default component={NotFound} />
              </Router>
            </ErrorBoundary>
          </Layout>
        </SessionProvider>
      </LocationProvider>
    </I18nProvider>
  );
}
