// ESLint flat config: the recommended rule sets of ESLint, typescript-eslint and React hooks.
// Two type-aware rules run on the production code (app/ without tests, server/): promises that
// nobody awaits or catches, and switches over a union that miss a case. `npm run lint` fails on
// any warning (--max-warnings 0).
import js from "@eslint/js";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import { defineConfig, globalIgnores } from "eslint/config";
import { importX } from "eslint-plugin-import-x";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

// A Vietnamese calendar day is not the UTC date: from 17:00 UTC `toISOString().slice(0, 10)` is the
// day before in Vietnam (it broke the prizes test every evening). Use `vnDay` (app/utils/date-range.ts).
const noUtcDay = {
  selector:
    "CallExpression[callee.property.name=/^(slice|substring|substr|split)$/][callee.object.type='CallExpression'][callee.object.callee.property.name='toISOString']",
  message: "A day cut from toISOString() is the UTC day: use vnDay from ~/utils/date-range (the day in Vietnam).",
};

export default defineConfig(
  globalIgnores([
    "build/",
    "public/build/",
    "node_modules/",
    "app/generated/",
    "playwright-report/",
    "test-results/",
    ".cache/",
    "data/",
    "tmp/",
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ["**/*.{js,mjs,cjs,jsx,ts,tsx}"],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: { ...globals.node, ...globals.browser },
    },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Unused names are errors, except deliberate placeholders (`_arg`, `[_, x]`) and the
      // rest-sibling idiom for dropping keys (`const { secret, ...safe } = user`).
      "@typescript-eslint/no-unused-vars": [
        "error",
        {
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          caughtErrorsIgnorePattern: "^_",
          destructuredArrayIgnorePattern: "^_",
          ignoreRestSiblings: true,
        },
      ],
      // Allows the module-augmentation idiom `interface AppLoadContext extends AppContext {}`.
      "@typescript-eslint/no-empty-object-type": ["error", { allowInterfaces: "with-single-extends" }],
      "no-restricted-syntax": ["error", noUtcDay],
    },
  },
  {
    // Type-aware (issue #16 item 6): a forgotten promise loses its error (an unhandled rejection
    // stops the process); a switch over a union must name every case or have a default.
    files: ["app/**/*.{ts,tsx}", "server/**/*.ts"],
    ignores: ["app/**/*.test.{ts,tsx}"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
    },
  },
  {
    // No import cycles between modules of the app and the server (issue #16): a cycle means two
    // areas each depend on the other's internals; shared rules move down (access/, utils/).
    // Type-only imports count too: a type cycle is the same tangle, only erased at run time.
    files: ["app/**/*.{ts,tsx}", "server/**/*.{ts,tsx}"],
    plugins: { "import-x": importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: "tsconfig.json" })],
    },
    rules: { "import-x/no-cycle": ["error", { ignoreExternal: true }] },
  },
  {
    // One error path (issue #16): routes map a DomainError with throwHttpError / formFailure /
    // replyWithDomainError and branch on its typed `code`, never on a translation key.
    files: ["app/routes/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-syntax": [
        "error",
        noUtcDay,
        {
          selector: "BinaryExpression[operator='instanceof'][right.name='DomainError']",
          message: "Use formFailure / throwHttpError / isDomainError(error, code) from ~/utils (one error path).",
        },
        {
          selector: "BinaryExpression[operator=/^[!=]==?$/] > MemberExpression[property.name='messageKey']",
          message: "Branch on the DomainError's code, not on its translation key.",
        },
      ],
    },
  },
  {
    // CommonJS files, if any, may use require.
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
