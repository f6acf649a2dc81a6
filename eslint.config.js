import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';
import I18NEXT_OPTIONS from './web/src/i18n/i18nextOptionNames.json' with { type: 'json' };
import requiredMessage from './web/eslint/required-message.js';

// `t(key, { lng: 1 })`: i18next takes these names as options, not as values for placeholders
// (defaultValue is the one option the app passes on purpose).
const i18nextOption = `/^(${I18NEXT_OPTIONS.filter((n) => n !== 'defaultValue').join('|')})$/`;

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'server/src/db/migrations/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
      'no-restricted-syntax': [
        'error',
        ...['callee.name', 'callee.property.name'].map((callee) => ({
          selector: `CallExpression[${callee}='t'] > ObjectExpression.arguments > Property.properties[key.name=${i18nextOption}]`,
          message:
            'i18next reads this name as an option of t(), not as a placeholder value: rename the placeholder (web/src/i18n/i18nextOptionNames.json).',
        })),
      ],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'exceljs',
              message:
                "Import ExcelJS from server/src/platform/exceljs.ts: it replaces exceljs's XML reader first (decision 012).",
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    files: ['web/src/**/*.tsx'],
    plugins: { yiyang: { rules: { 'required-message': requiredMessage } } },
    rules: { 'yiyang/required-message': 'error' },
  },
  {
    // A web file past 500 lines is several components or concerns: split it (architecture review §5).
    // Web files small enough to read; the message tables are split by screen (i18n/<locale>/).
    files: ['web/src/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: { 'max-lines': ['error', { max: 500, skipBlankLines: false, skipComments: false }] },
  },
  {
    // Files and functions small enough to read (issue "Module seams…", item 7). The standards' data
    // (item tables of GB/T 42195 and MZ/T 039), tests and authorization-walk fixtures aside.
    files: ['server/src/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.authz.ts', 'server/src/modules/assessment/standards/**'],
    rules: {
      'max-lines': ['error', { max: 500 }],
      'max-lines-per-function': ['error', { max: 80 }],
    },
  },
  {
    // Public module surfaces (docs/modules.md, decision 018): a server module uses another module only
    // through its index.ts; the platform uses no module.
    files: ['server/src/**/*.ts'],
    ignores: [
      // Tests build worlds from any module's internals.
      '**/*.test.ts',
      // The list of manifests, and the demo seed that writes every module's demo rows before the app exists.
      'server/src/modules/index.ts',
      'server/src/modules/seed/**',
      // Authorization-walk fixtures: test code, loaded lazily by test/authz.int.test.ts only.
      'server/src/modules/*/*.authz.ts',
    ],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': [
        { type: 'module', pattern: 'server/src/modules/*', capture: ['name'] },
        { type: 'platform', pattern: 'server/src/platform' },
      ],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'allow',
          // The last policy that matches decides.
          policies: [
            {
              from: { element: { type: 'module' } },
              disallow: {
                to: { element: { type: 'module', captured: { name: '!{{ from.element.captured.name }}' } } },
              },
              message:
                "Import another module only through its index.ts (docs/modules.md, 'Public surfaces').",
            },
            {
              from: { element: { type: 'module' } },
              allow: { to: { element: { fileInternalPath: 'index.ts' } } },
            },
            // Foreign keys (table files) and joins (repositories) name other modules' tables.
            {
              from: { element: { type: 'module', fileInternalPath: '**/*.{table,repo}.ts' } },
              allow: { to: { element: { type: 'module', fileInternalPath: '*.table.ts' } } },
            },
            // A manifest names the manifests it needs.
            {
              from: { element: { type: 'module', fileInternalPath: '*.module.ts' } },
              allow: { to: { element: { type: 'module', fileInternalPath: '*.module.ts' } } },
            },
            {
              from: { element: { type: 'platform' } },
              disallow: { to: { element: { type: 'module' } } },
              message: 'The platform uses no module: move what it needs into the platform.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/platform/exceljs.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
  {
    files: ['scripts/**/*.mjs', '**/*.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['scripts/**', '**/cli/**', '**/bench/**', '**/*.test.ts', '**/test/**'],
    rules: { 'no-console': 'off' },
  },
);
