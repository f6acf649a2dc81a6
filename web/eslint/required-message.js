/**
 * Required fields of antd forms say 请选择… when the user picks a value and
 * 请填写… when they type it (`useRequired()` in web/src/app/rules.ts:
 * `choose(field)` and `enter(field)`, or the keys common.requiredChoice and
 * common.required). A required rule without a message is refused too: antd's
 * default says 请输入 whatever the control.
 */

// Controls where the value is picked, not typed.
const CHOICE =
  /^(Select|TreeSelect|Cascader|DatePicker|DatePicker\.RangePicker|RangePicker|TimePicker|Radio\.Group|Checkbox\.Group|Segmented|Upload|RegionTreeSelect|OrganisationSelect|ElderPicker)$/;
const TYPED = /^(Input|Input\.TextArea|Input\.Password|Input\.Search|InputNumber|AutoComplete|TextArea)$/;
// <Input type="date"> is a date picker.
const PICKED_INPUT_TYPES = /^(date|month|week|time|datetime-local)$/;

function elementName(name) {
  if (name.type === 'JSXIdentifier') return name.name;
  if (name.type === 'JSXMemberExpression') return `${elementName(name.object)}.${name.property.name}`;
  return '';
}

function attribute(element, name) {
  return element.openingElement.attributes.find((a) => a.type === 'JSXAttribute' && a.name.name === name);
}

function controlKind(control) {
  const name = elementName(control.openingElement.name);
  const type = attribute(control, 'type')?.value;
  if (CHOICE.test(name)) return 'choice';
  if (type?.type === 'Literal' && PICKED_INPUT_TYPES.test(String(type.value))) return 'choice';
  if (TYPED.test(name)) return 'typed';
  return null;
}

/** `{ required: true, … }` object literals without a `message`. */
function silentRequired(node, out = []) {
  if (!node || typeof node.type !== 'string') return out;
  if (node.type === 'ObjectExpression') {
    const keys = node.properties.filter((p) => p.type === 'Property').map((p) => p.key.name ?? p.key.value);
    const required = node.properties.some(
      (p) => p.type === 'Property' && (p.key.name ?? p.key.value) === 'required' && p.value.value === true,
    );
    if (required && !keys.includes('message')) out.push(node);
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === 'parent') continue;
    if (Array.isArray(value)) value.forEach((v) => silentRequired(v, out));
    else if (value && typeof value === 'object' && typeof value.type === 'string') silentRequired(value, out);
  }
  return out;
}

export default {
  meta: {
    type: 'problem',
    docs: {
      description:
        'Required choices say 请选择, required typed fields 请填写, and every required rule has a message',
    },
    messages: {
      choice:
        'A value picked from a list or a calendar is required with 请选择…: use choose(field) (common.requiredChoice).',
      typed: 'A typed value is required with 请填写…: use enter(field) (common.required).',
      silent:
        'A required rule needs a message: antd’s default says 请输入 for every control. Use enter(field) or choose(field).',
    },
    schema: [],
  },
  create(context) {
    return {
      JSXElement(node) {
        if (elementName(node.openingElement.name) !== 'Form.Item') return;
        const rules = attribute(node, 'rules');
        if (!rules?.value || rules.value.type !== 'JSXExpressionContainer') return;
        for (const silent of silentRequired(rules.value.expression))
          context.report({ node: silent, messageId: 'silent' });
        const control = node.children.find((c) => c.type === 'JSXElement');
        const kind = control && controlKind(control);
        const text = context.sourceCode.getText(rules.value);
        if (kind === 'choice' && /'common\.required'|\benter\(/.test(text))
          context.report({ node: rules, messageId: 'choice' });
        if (kind === 'typed' && /common\.requiredChoice|\bchoose\(/.test(text))
          context.report({ node: rules, messageId: 'typed' });
      },
    };
  },
};
