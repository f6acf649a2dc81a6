import { Button, Checkbox, Form, Input, Select, Space } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ELDER_FAMILY_RELATIONSHIPS, ELDER_TAG_CODES } from '@yiyang/contracts';
import type { Messages } from '../../i18n/zh-CN.ts';
import { useElderLabels } from './useElderLabels.ts';
import { useRequired } from '../../app/rules.ts';

/** The relationships the server accepts (contracts), each with a label in both message tables. */
const RELATIONSHIPS =
  ELDER_FAMILY_RELATIONSHIPS satisfies readonly (keyof Messages['elder']['family']['relationships'])[];

export function useRelationshipLabel() {
  const { t, i18n } = useTranslation();
  return (r: string) =>
    i18n.exists(`elder.family.relationships.${r}`)
      ? t(`elder.family.relationships.${r as (typeof RELATIONSHIPS)[number]}`)
      : r;
}

/** Dated category rows for a Form.List named `tags` (`{ code, validFrom, validTo }`). */
export function TagRows({ name = 'tags' }: { name?: string }) {
  const { t } = useTranslation();
  const { choose } = useRequired();
  const labels = useElderLabels();
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <div data-testid="elder-tags-editor">
          {fields.map((f, i) => (
            <Space key={f.key} align="start" wrap className="yy-row-editor">
              <Form.Item
                name={[f.name, 'code']}
                label={t('elder.tagEditor.code')}
                rules={[choose(t('elder.tagEditor.code'))]}
              >
                <Select
                  style={{ width: 200 }}
                  data-testid={`elder-tag-code-${i}`}
                  options={ELDER_TAG_CODES.map((c) => ({ value: c, label: labels.tag(c) }))}
                  popupMatchSelectWidth={false}
                />
              </Form.Item>
              <Form.Item name={[f.name, 'validFrom']} label={t('elder.tagEditor.validFrom')}>
                <Input type="date" />
              </Form.Item>
              <Form.Item
                name={[f.name, 'validTo']}
                label={t('elder.tagEditor.validTo')}
                dependencies={[[name, f.name, 'validFrom']]}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: (_, v: string | undefined) => {
                      const from = getFieldValue([name, f.name, 'validFrom']) as string | undefined;
                      return v && from && v < from
                        ? Promise.reject(new Error(t('elder.tagEditor.badRange')))
                        : Promise.resolve();
                    },
                  }),
                ]}
              >
                <Input type="date" />
              </Form.Item>
              <Form.Item label={<span className="yy-visually-hidden">{t('common.actions')}</span>}>
                <Button
                  icon={<DeleteOutlined aria-hidden />}
                  aria-label={`${t('elder.family.remove')} ${i + 1}`}
                  onClick={() => remove(f.name)}
                />
              </Form.Item>
            </Space>
          ))}
          <Button
            icon={<PlusOutlined aria-hidden />}
            onClick={() => add({ code: undefined, validFrom: '', validTo: '' })}
            data-testid="elder-tag-add"
          >
            {t('elder.tagEditor.add')}
          </Button>
        </div>
      )}
    </Form.List>
  );
}

/** Inputs of one family member, under `prefix` (a Form.List row or the form root). */
export function FamilyMemberFields({
  prefix,
  index,
  phonePlaceholder,
}: {
  prefix: (string | number)[];
  index: number;
  phonePlaceholder?: string | null;
}) {
  const { t } = useTranslation();
  const { enter, choose } = useRequired();
  const relLabel = useRelationshipLabel();
  return (
    <>
      <Space align="start" wrap>
        <Form.Item
          name={[...prefix, 'name']}
          label={t('elder.family.name')}
          rules={[enter(t('elder.family.name'))]}
        >
          <Input maxLength={50} style={{ width: 140 }} data-testid={`elder-family-name-${index}`} />
        </Form.Item>
        <Form.Item
          name={[...prefix, 'relationship']}
          label={t('elder.family.relationship')}
          rules={[choose(t('elder.family.relationship'))]}
        >
          <Select
            style={{ width: 150 }}
            options={RELATIONSHIPS.map((r) => ({ value: r, label: relLabel(r) }))}
            data-testid={`elder-family-relationship-${index}`}
          />
        </Form.Item>
        <Form.Item
          name={[...prefix, 'phone']}
          label={t('elder.family.phone')}
          rules={[{ pattern: /^1[3-9]\d{9}$/, message: t('elder.family.phone') }]}
        >
          <Input
            inputMode="tel"
            maxLength={11}
            style={{ width: 150 }}
            placeholder={phonePlaceholder ?? undefined}
            data-testid={`elder-family-phone-${index}`}
          />
        </Form.Item>
      </Space>
      <Space wrap>
        <Form.Item name={[...prefix, 'mayActFor']} valuePropName="checked" noStyle>
          <Checkbox>{t('elder.family.mayActFor')}</Checkbox>
        </Form.Item>
        <Form.Item name={[...prefix, 'isGuardian']} valuePropName="checked" noStyle>
          <Checkbox>{t('elder.family.isGuardian')}</Checkbox>
        </Form.Item>
        <Form.Item name={[...prefix, 'consent']} valuePropName="checked" noStyle>
          <Checkbox>{t('elder.family.consent')}</Checkbox>
        </Form.Item>
      </Space>
    </>
  );
}

/** Family member rows for a Form.List named `family` (the create form). */
export function FamilyRows() {
  const { t } = useTranslation();
  return (
    <Form.List name="family">
      {(fields, { add, remove }) => (
        <div data-testid="elder-family-editor">
          {fields.map((f, i) => (
            <fieldset key={f.key} className="yy-fieldset">
              <legend>
                {t('elder.tabs.family')} {i + 1}
              </legend>
              <FamilyMemberFields prefix={[f.name]} index={i} />
              <div>
                <Button
                  type="link"
                  danger
                  icon={<DeleteOutlined aria-hidden />}
                  onClick={() => remove(f.name)}
                  style={{ paddingLeft: 0, marginTop: 8 }}
                >
                  {t('elder.family.remove')}
                </Button>
              </div>
            </fieldset>
          ))}
          <Button
            icon={<PlusOutlined aria-hidden />}
            onClick={() => add({ mayActFor: false, isGuardian: false, consent: false })}
            data-testid="elder-family-add"
          >
            {t('elder.family.add')}
          </Button>
        </div>
      )}
    </Form.List>
  );
}
