import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { showSubmitError } from '../../api/formErrors.ts';
import { useSession } from '../../app/session.tsx';
import { safeNext } from '../../app/RequireAuth.tsx';
import { Loading } from '../../app/Loading.tsx';
import { ConsoleProviders } from '../layout/ConsoleProviders.tsx';
import { LanguageSwitch } from '../layout/LanguageSwitch.tsx';
import { AppLogo } from '../layout/AppLogo.tsx';
import { useRequired } from '../../app/rules.ts';

interface LoginForm {
  username: string;
  password: string;
}

function LoginInner() {
  const { t } = useTranslation();
  const { enter } = useRequired();
  const { me, login } = useSession();
  const [form] = Form.useForm<LoginForm>();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(params.get('next'), '/');

  if (me === undefined) return <Loading />;
  // `signedIn`: the console's home sends the account on to where its role works (issue 13 §6).
  if (me) return <Navigate to={next} replace state={SIGNED_IN} />;

  const onFinish = async (values: LoginForm) => {
    setError(null);
    setSubmitting(true);
    try {
      await login(values.username.trim(), values.password);
      navigate(next, { replace: true, state: SIGNED_IN });
    } catch (e) {
      setError(showSubmitError(form, e, t('auth.loginFailed'), ['username', 'password']).summary);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div className="yy-login">
      <header className="yy-login-top">
        <LanguageSwitch />
      </header>
      <main className="yy-login-main">
        <Card className="yy-login-card" variant="outlined">
          <div className="yy-login-brand">
            <AppLogo size={48} />
            <div>
              <Typography.Title level={1} style={{ margin: 0, fontSize: 28 }}>
                {t('app.name')}
              </Typography.Title>
              <Typography.Text type="secondary">{t('auth.subtitle')}</Typography.Text>
            </div>
          </div>
          <Typography.Title level={2} style={{ fontSize: 20, marginTop: 24 }}>
            {t('auth.title')}
          </Typography.Title>
          {error && (
            <Alert
              type="error"
              showIcon
              title={error}
              role="alert"
              data-testid="login-error"
              style={{ marginBottom: 16 }}
            />
          )}
          <Form<LoginForm>
            form={form}
            name="login"
            layout="vertical"
            requiredMark={false}
            onFinish={(v) => void onFinish(v)}
            data-testid="login-form"
          >
            <Form.Item label={t('auth.username')} name="username" rules={[enter(t('auth.username'))]}>
              <Input
                size="large"
                prefix={<UserOutlined aria-hidden />}
                autoComplete="username"
                autoFocus
                data-testid="login-username"
              />
            </Form.Item>
            <Form.Item
              label={t('auth.password')}
              name="password"
              rules={[{ ...enter(t('auth.password')), whitespace: false }]}
            >
              <Input.Password
                size="large"
                prefix={<LockOutlined aria-hidden />}
                autoComplete="current-password"
                data-testid="login-password"
              />
            </Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              size="large"
              block
              loading={submitting}
              data-testid="login-submit"
            >
              {t('auth.submit')}
            </Button>
          </Form>
        </Card>
      </main>
    </div>
  );
}

const SIGNED_IN = { signedIn: true };

export default function LoginPage() {
  return (
    <ConsoleProviders>
      <LoginInner />
    </ConsoleProviders>
  );
}
