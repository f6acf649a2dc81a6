import type { ReactNode } from 'react';
import { NavBar } from 'antd-mobile';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';

/** One task per screen: a title bar (with back unless on home) and the main region. */
export function MobilePage({
  title,
  back = true,
  children,
}: {
  title: string;
  back?: boolean;
  children: ReactNode;
}) {
  const navigate = useNavigate();
  const { t } = useTranslation();
  return (
    <div className="yy-m-page">
      <header className="yy-m-header">
        <NavBar
          back={back ? t('common.back') : null}
          backIcon={back}
          onBack={() => navigate('/m/')}
          aria-label={title}
        >
          <h1 className="yy-m-title">{title}</h1>
        </NavBar>
      </header>
      <main className="yy-m-main" id="main-content">
        {children}
      </main>
    </div>
  );
}
