import { Link, useNavigate } from 'react-router';
import { Dialog } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useMe, useSession } from '../app/session.tsx';
import { MobilePage } from './MobilePage.tsx';
import { visibleTiles } from './tiles.tsx';
import { MobileSos } from './alarm/MobileSos.tsx';
import { offlineStore } from '../modules/assessment/offlineStore.ts';

export default function MobileHome() {
  const { t } = useTranslation();
  const me = useMe();
  const { logout } = useSession();
  const navigate = useNavigate();
  const tiles = visibleTiles(me.permissions);

  // Signing out deletes the downloaded assessments (decision 006): warn when some work is unsent.
  const signOut = async () => {
    const unsent = (await offlineStore().list()).filter(
      (r) => r.userId === me.id && (r.dirty || r.pendingSign || r.conflict),
    );
    if (
      unsent.length > 0 &&
      !(await Dialog.confirm({ content: t('assessment.tablet.logoutUnsent', { count: unsent.length }) }))
    )
      return;
    await logout();
    navigate('/m/login', { replace: true });
  };

  return (
    <MobilePage title={t('app.name')} back={false}>
      <p className="yy-m-greeting" data-testid="m-greeting">
        {t('mobile.greeting', { name: me.displayName })}
      </p>
      {me.permissions.includes('alarm:raise') && <MobileSos />}
      <h2 className="yy-m-section-title">{t('mobile.tasks')}</h2>
      <ul className="yy-m-tiles" data-testid="m-tiles">
        {tiles.map((tile) => (
          <li key={tile.key}>
            {tile.to === 'logout' ? (
              <button
                type="button"
                className="yy-m-tile"
                data-testid={`m-tile-${tile.key}`}
                onClick={() => void signOut()}
              >
                <span className="yy-m-tile-icon" aria-hidden>
                  {tile.icon}
                </span>
                <span>{t(tile.labelKey)}</span>
              </button>
            ) : (
              <Link to={tile.to} className="yy-m-tile" data-testid={`m-tile-${tile.key}`}>
                <span className="yy-m-tile-icon" aria-hidden>
                  {tile.icon}
                </span>
                <span>{t(tile.labelKey)}</span>
              </Link>
            )}
          </li>
        ))}
      </ul>
    </MobilePage>
  );
}
