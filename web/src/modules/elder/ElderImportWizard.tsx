import { useEffect, useState } from 'react';
import {
  Alert,
  Button,
  Descriptions,
  Modal,
  Progress,
  Radio,
  Result,
  Space,
  Steps,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';
import {
  ELDERS_KEY,
  fetchImportIssues,
  fetchImportJob,
  importErrorsUrl,
  importTemplateUrl,
  startImport,
  type ImportIssue,
  type ImportJob,
} from './elderApi.ts';
import { FormError } from '../layout/PageErrors.tsx';

const POLL_MS = 800;
const done = (j: ImportJob | null) => !!j && (j.status === 'completed' || j.status === 'failed');

/** Polls a job until it completes or fails. */
function useJob(jobId: string | null): ImportJob | null {
  const [job, setJob] = useState<ImportJob | null>(null);
  useEffect(() => {
    setJob(null);
    if (!jobId) return;
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const j = await fetchImportJob(jobId);
        if (stop) return;
        setJob(j);
        if (done(j)) return;
      } catch {
        // A failed poll is retried.
      }
      if (!stop) timer = setTimeout(() => void tick(), POLL_MS);
    };
    void tick();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [jobId]);
  return job;
}

/**
 * 摸底表 import (PRODUCT.md §4.2): download the template → upload → dry-run
 * report with the row errors → choose what happens to registered ID numbers →
 * import with a progress bar → summary.
 */
export function ElderImportWizard(props: { open: boolean; regionCode: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [dryJobId, setDryJobId] = useState<string | null>(null);
  const [runJobId, setRunJobId] = useState<string | null>(null);
  const [onDuplicate, setOnDuplicate] = useState<'skip' | 'update'>('skip');
  const [issues, setIssues] = useState<ImportIssue[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dry = useJob(dryJobId);
  const run = useJob(runJobId);

  const reset = () => {
    setFile(null);
    setDryJobId(null);
    setRunJobId(null);
    setIssues([]);
    setError(null);
    setOnDuplicate('skip');
  };

  useEffect(() => {
    if (dry && done(dry)) void fetchImportIssues(dry.jobId).then((r) => setIssues(r.items));
  }, [dry]);
  useEffect(() => {
    if (run && done(run)) void queryClient.invalidateQueries({ queryKey: [ELDERS_KEY] });
  }, [run, queryClient]);

  const start = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const job = await startImport(file, { dryRun, onDuplicate, regionCode: props.regionCode });
      if (dryRun) setDryJobId(job.jobId);
      else setRunJobId(job.jobId);
    } catch (e) {
      setError(isApiError(e) ? e.detail : String(e));
    } finally {
      setBusy(false);
    }
  };

  const step = runJobId ? (done(run) ? 3 : 2) : dryJobId ? 1 : 0;
  const close = () => {
    reset();
    props.onClose();
  };

  const failedJob = (j: ImportJob) =>
    j.status === 'failed' && (
      <Alert
        type="error"
        showIcon
        title={t('elderImport.failedJob')}
        description={j.errorMessage ?? j.errorCode ?? undefined}
        data-testid="import-job-failed"
      />
    );

  return (
    <Modal
      open={props.open}
      title={t('elderImport.title')}
      onCancel={close}
      width={860}
      footer={null}
      destroyOnHidden
      data-testid="import-wizard"
    >
      <Steps
        current={step}
        size="small"
        style={{ marginBottom: 24 }}
        items={[
          { title: t('elderImport.steps.upload') },
          { title: t('elderImport.steps.check') },
          { title: t('elderImport.steps.run') },
          { title: t('elderImport.steps.done') },
        ]}
      />
      <FormError error={error} testId="import-error" />

      {step === 0 && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Paragraph>{t('elderImport.templateIntro')}</Typography.Paragraph>
          <Button
            icon={<DownloadOutlined aria-hidden />}
            href={importTemplateUrl(props.regionCode)}
            download
            data-testid="import-template"
          >
            {t('elderImport.downloadTemplate')}
          </Button>
          <Upload.Dragger
            accept=".xlsx,.csv"
            maxCount={1}
            showUploadList={false}
            beforeUpload={(f) => {
              setFile(f);
              setError(null);
              return false;
            }}
            data-testid="import-file"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined aria-hidden />
            </p>
            <p className="ant-upload-text">{t('elderImport.chooseFile')}</p>
            <p className="ant-upload-hint">{t('elderImport.fileHint')}</p>
          </Upload.Dragger>
          {file && (
            <Typography.Text data-testid="import-file-name">
              {t('elderImport.selectedFile', { name: file.name })}
            </Typography.Text>
          )}
          <Button
            type="primary"
            disabled={!file}
            loading={busy}
            onClick={() => void start(true)}
            data-testid="import-dry-run"
          >
            {t('elderImport.dryRun')}
          </Button>
        </Space>
      )}

      {step === 1 && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="import-report">
          {!done(dry) ? (
            <Progress
              percent={Math.round((dry?.progress ?? 0) * 100)}
              status="active"
              aria-label={t('elderImport.checking')}
            />
          ) : (
            dry && (
              <>
                {failedJob(dry)}
                <Descriptions size="small" bordered column={5}>
                  <Descriptions.Item label={t('elderImport.total')}>
                    <span data-testid="import-dry-total">{dry.total}</span>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('elderImport.wouldCreate')}>
                    <span data-testid="import-dry-created">{dry.created}</span>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('elderImport.wouldUpdate')}>{dry.updated}</Descriptions.Item>
                  <Descriptions.Item label={t('elderImport.skipped')}>{dry.skipped}</Descriptions.Item>
                  <Descriptions.Item label={t('elderImport.failed')}>
                    <span data-testid="import-dry-failed">{dry.failed}</span>
                  </Descriptions.Item>
                </Descriptions>
                {issues.length === 0 ? (
                  dry.status === 'completed' && (
                    <Alert type="success" showIcon title={t('elderImport.noIssues')} />
                  )
                ) : (
                  <>
                    <Space>
                      <Typography.Text strong>
                        {t('elderImport.issues', { count: issues.length })}
                      </Typography.Text>
                      <Button
                        size="small"
                        icon={<DownloadOutlined aria-hidden />}
                        href={importErrorsUrl(dry.jobId)}
                        download
                        data-testid="import-errors-download"
                      >
                        {t('elderImport.downloadErrors')}
                      </Button>
                    </Space>
                    <Table<ImportIssue>
                      size="small"
                      rowKey={(r) => `${r.row}-${r.column ?? ''}-${r.code}`}
                      dataSource={issues}
                      pagination={{ pageSize: 10, showSizeChanger: false }}
                      data-testid="import-issues"
                      columns={[
                        { key: 'row', title: t('elderImport.row'), dataIndex: 'row', width: 70 },
                        {
                          key: 'column',
                          title: t('elderImport.column'),
                          dataIndex: 'columnLabel',
                          width: 140,
                        },
                        {
                          key: 'kind',
                          title: t('elderImport.kind'),
                          dataIndex: 'kind',
                          width: 80,
                          render: (k: ImportIssue['kind']) =>
                            k === 'error' ? (
                              <Tag color="error">{t('elderImport.kindError')}</Tag>
                            ) : (
                              <Tag>{t('elderImport.kindSkipped')}</Tag>
                            ),
                        },
                        { key: 'message', title: t('elderImport.message'), dataIndex: 'message' },
                      ]}
                    />
                    <Typography.Text type="secondary">{t('elderImport.errorRowsNote')}</Typography.Text>
                  </>
                )}
                {dry.status === 'completed' && (
                  <>
                    <div>
                      <Typography.Text id="import-duplicate-label">
                        {t('elderImport.onDuplicate')}
                      </Typography.Text>{' '}
                      <Radio.Group
                        aria-labelledby="import-duplicate-label"
                        value={onDuplicate}
                        onChange={(e) => setOnDuplicate(e.target.value as 'skip' | 'update')}
                        data-testid="import-on-duplicate"
                      >
                        <Radio value="skip" data-testid="import-duplicate-skip">
                          {t('elderImport.duplicateSkip')}
                        </Radio>
                        <Radio value="update" data-testid="import-duplicate-update">
                          {t('elderImport.duplicateUpdate')}
                        </Radio>
                      </Radio.Group>
                    </div>
                    <Space>
                      <Button onClick={reset} data-testid="import-back">
                        {t('elderImport.back')}
                      </Button>
                      <Button
                        type="primary"
                        loading={busy}
                        disabled={dry.total - dry.failed === 0}
                        onClick={() => void start(false)}
                        data-testid="import-run"
                      >
                        {t('elderImport.runImport')}
                      </Button>
                    </Space>
                  </>
                )}
              </>
            )
          )}
        </Space>
      )}

      {step === 2 && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text>{t('elderImport.running')}</Typography.Text>
          <Progress
            percent={Math.round((run?.progress ?? 0) * 100)}
            status="active"
            aria-label={t('elderImport.running')}
            data-testid="import-progress"
          />
        </Space>
      )}

      {step === 3 && run && (
        <Result
          status={run.status === 'completed' ? 'success' : 'error'}
          title={run.status === 'completed' ? t('elderImport.finished') : t('elderImport.failedJob')}
          subTitle={
            <span data-testid="import-summary">
              {t('elderImport.summary', {
                created: run.created,
                updated: run.updated,
                skipped: run.skipped,
                failed: run.failed,
              })}
            </span>
          }
          extra={[
            run.failed > 0 && (
              <Button
                key="errors"
                href={importErrorsUrl(run.jobId)}
                download
                icon={<DownloadOutlined aria-hidden />}
              >
                {t('elderImport.downloadErrors')}
              </Button>
            ),
            <Button key="again" onClick={reset} data-testid="import-again">
              {t('elderImport.restart')}
            </Button>,
            <Button key="close" type="primary" onClick={close} data-testid="import-close">
              {t('elderImport.close')}
            </Button>,
          ]}
        />
      )}
    </Modal>
  );
}
