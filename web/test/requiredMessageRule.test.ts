import { describe, it } from 'node:test';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import rule from '../eslint/required-message.js';

// The lint rule behind 请选择 / 请填写 (web/eslint/required-message.js), run by node:test.
RuleTester.describe = describe;
RuleTester.it = it;
const tester = new RuleTester({
  languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } },
});

tester.run('yiyang/required-message', rule, {
  valid: [
    `<Form.Item name="living" rules={[choose(t('elder.livingSituation'))]}><Select /></Form.Item>`,
    `<Form.Item name="name" rules={[enter(t('elder.name'))]}><Input /></Form.Item>`,
    `<Form.Item name="d" rules={[{ required: true, message: t('common.requiredChoice', { field }) }]}><Input type="date" /></Form.Item>`,
    `<Form.Item name="r" rules={[{ required: true, min: 4, message: t('assessment.reasonMin') }]}><Input.TextArea /></Form.Item>`,
    `<Form.Item name="x"><Select /></Form.Item>`,
  ],
  invalid: [
    {
      code: `<Form.Item name="living" rules={[{ required: true, message: t('common.required', { field }) }]}><Select /></Form.Item>`,
      errors: [{ messageId: 'choice' }],
    },
    {
      code: `<Form.Item name="region" rules={[enter(t('elder.region'))]}><RegionTreeSelect leafOnly /></Form.Item>`,
      errors: [{ messageId: 'choice' }],
    },
    {
      code: `<Form.Item name="birthDate" rules={[enter(t('elder.birthDate'))]}><Input type="date" /></Form.Item>`,
      errors: [{ messageId: 'choice' }],
    },
    {
      code: `<Form.Item name="name" rules={[choose(t('elder.name'))]}><Input /></Form.Item>`,
      errors: [{ messageId: 'typed' }],
    },
    {
      code: `<Form.Item name="type" rules={[{ required: true }]}><Select /></Form.Item>`,
      errors: [{ messageId: 'silent' }],
    },
  ],
});
