import type { ReactNode } from 'react';
import { LeftOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';

/**
 * One task per screen: a title bar (with a real, named back button unless on
 * home) and the main region. antd-mobile's NavBar is not used because its back
 * control is an unnamed, unfocusable div.
 */
export function MobilePage({
  title,
  back = true,
  backTo = '/m/',
  onBack,
  children,
}: {
  title: string;
  back?: boolean;
  /** Where the back button goes (the home tiles by default). */
  backTo?: string;
  /** Called when the user leaves with the back button (a form drops its draft). */
  onBack?: () => void;
  children: ReactNode;
}) {
  const navigate = useNavigate();
  const { t } = useTranslation();
  return (
    <div className="yy-m-page">
      <header className="yy-m-header">
        {back && (
          <button
            type="button"
            className="yy-m-back"
            onClick={() => {
              onBack?.();
              navigate(backTo);
            }}
            data-testid="m-back"
          >
            <LeftOutlined aria-hidden />
            <span>{t('common.back')}</span>
          </button>
        )}
        <h1 className="yy-m-title">{title}</h1>
      </header>
      <main className="yy-m-main" id="main-content">
        {children}
      </main>
    </div>
  );
}
