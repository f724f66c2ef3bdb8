import { useI18n } from '../../i18n/i18n';

/** The residents' front door: the three things they come for. */
export function HomePage() {
  const { t } = useI18n();
  return (
    <>
      <section class="hero">
        <h1>{t('home.title')}</h1>
        <p class="lead">{t('home.lead')}</p>
      </section>
      <div class="doors">
        <a class="door" href="/track">
          <strong>{t('home.track')}</strong>
          {t('home.trackHint')}
        </a>
        <a class="door" href="/visits">
          <strong>{t('home.book')}</strong>
          {t('home.bookHint')}
        </a>
        <a class="door" href="/visits/manage">
          <strong>{t('home.manage')}</strong>
          {t('home.manageHint')}
        </a>
      </div>
    </>
  );
}
