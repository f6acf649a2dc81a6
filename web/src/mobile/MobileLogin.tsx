import { useState, type FormEvent } from 'react';
import { Button } from 'antd-mobile';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';
import { pointerToPath } from '../api/formErrors.ts';
import { useSession } from '../app/session.tsx';
import { safeNext } from '../app/RequireAuth.tsx';
import { Loading } from '../app/Loading.tsx';
import { AppLogo } from '../modules/layout/AppLogo.tsx';
import { LocalePicker } from './MobileLanguage.tsx';

/** Plain labelled inputs: large, screen-reader friendly, no captcha puzzles. */
export default function MobileLogin() {
  const { t } = useTranslation();
  const { me, login } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const next = safeNext(params.get('next'), '/m/');

  if (me === undefined) return <Loading />;
  if (me) return <Navigate to={next.startsWith('/m') ? next : '/m/'} replace />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!username.trim()) missing.username = t('common.required', { field: t('auth.username') });
    if (!password) missing.password = t('common.required', { field: t('auth.password') });
    setFieldErrors(missing);
    if (Object.keys(missing).length) return;
    setBusy(true);
    setError(null);
    try {
      await login(username.trim(), password);
      navigate(next.startsWith('/m') ? next : '/m/', { replace: true });
    } catch (err) {
      if (isApiError(err)) {
        const fe: Record<string, string> = {};
        for (const f of err.errors) {
          const path = pointerToPath(f.pointer);
          if (path) fe[String(path[0])] = f.message;
        }
        setFieldErrors(fe);
        setError(err.detail);
      } else setError(t('auth.loginFailed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="yy-m-page">
      <main className="yy-m-main yy-m-login" id="main-content">
        <div className="yy-m-brand">
          <AppLogo size={64} />
          <div>
            <h1 className="yy-m-app-name">{t('app.name')}</h1>
            <p className="yy-m-subtitle">{t('auth.subtitle')}</p>
          </div>
        </div>
        <form
          onSubmit={(e) => void submit(e)}
          noValidate
          data-testid="m-login-form"
          aria-label={t('auth.title')}
        >
          {error && (
            <p className="yy-m-error" role="alert" data-testid="m-login-error">
              {error}
            </p>
          )}
          <div className="yy-m-field">
            <label htmlFor="m-username">{t('auth.username')}</label>
            <input
              id="m-username"
              name="username"
              autoComplete="username"
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              aria-invalid={!!fieldErrors.username}
              aria-describedby={fieldErrors.username ? 'm-username-error' : undefined}
              data-testid="m-login-username"
            />
            {fieldErrors.username && (
              <p id="m-username-error" className="yy-m-field-error">
                {fieldErrors.username}
              </p>
            )}
          </div>
          <div className="yy-m-field">
            <label htmlFor="m-password">{t('auth.password')}</label>
            <input
              id="m-password"
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-invalid={!!fieldErrors.password}
              aria-describedby={fieldErrors.password ? 'm-password-error' : undefined}
              data-testid="m-login-password"
            />
            {fieldErrors.password && (
              <p id="m-password-error" className="yy-m-field-error">
                {fieldErrors.password}
              </p>
            )}
          </div>
          <Button
            type="submit"
            color="primary"
            block
            size="large"
            loading={busy}
            className="yy-m-primary"
            data-testid="m-login-submit"
          >
            {t('auth.submit')}
          </Button>
        </form>
        <section className="yy-m-login-lang" aria-label={t('common.language')}>
          <LocalePicker compact />
        </section>
      </main>
    </div>
  );
}
