import { List } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useMe } from '../app/session.tsx';
import { MobilePage } from './MobilePage.tsx';

export default function MobileProfile() {
  const { t } = useTranslation();
  const me = useMe();
  // Role codes are shown by their localised names from the shared i18n table when known.
  const rows: [string, string][] = [
    [t('mobile.displayName'), me.displayName],
    [t('mobile.username'), me.username],
    [t('mobile.region'), me.regionName ?? t('common.none')],
    [t('mobile.organisation'), me.organisationName ?? t('common.none')],
  ];
  return (
    <MobilePage title={t('mobile.profile')}>
      <List className="yy-m-list" data-testid="m-profile">
        {rows.map(([label, value]) => (
          <List.Item key={label} extra={<span className="yy-m-value">{value}</span>}>
            {label}
          </List.Item>
        ))}
      </List>
    </MobilePage>
  );
}
