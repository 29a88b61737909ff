import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import prettier from "eslint-config-prettier";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

// Event types are declared once, in the generated contract. Comparing `x.type` with a
// hand-written string bypasses it: switch over the union (the `never` default makes a missing
// case a compile error) or narrow with a generated guard such as isStreamOutputEvent.
const handWrittenTypeComparison = [
  {
    selector:
      "BinaryExpression[operator=/^[!=]==?$/][left.property.name='type'][right.type='Literal']",
    message:
      "Do not compare `type` with a hand-written string: switch over the union or use a generated guard such as isStreamOutputEvent().",
  },
  {
    selector:
      "BinaryExpression[operator=/^[!=]==?$/][right.property.name='type'][left.type='Literal']",
    message:
      "Do not compare `type` with a hand-written string: switch over the union or use a generated guard such as isStreamOutputEvent().",
  },
];

export default defineConfig(
  {
    // Generated files are checked by the contract's drift check, fixtures by exhaustiveness.test.ts.
    ignores: [
      "**/dist/",
      "coverage/",
      "target/",
      "packages/contract/src/generated/**",
      "test-fixtures/**",
      "examples/**",
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    files: ["src/**/*.{ts,tsx}", "packages/*/{src,test}/**/*.ts"],
    languageOptions: { globals: globals.browser },
    extends: [reactHooks.configs.flat.recommended],
    rules: {
      "no-restricted-syntax": ["error", ...handWrittenTypeComparison],
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/switch-exhaustiveness-check": "error",
    },
  },
  {
    rules: {
      // `_name` marks a binding kept on purpose (`const _exhaustive: never`, `{ a: _a, ...rest }`).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ["*.{js,ts}", "test-support/**/*.ts", "scripts/**/*.mjs"],
    languageOptions: { globals: globals.node },
  },
  {
    files: ["**/*.{js,mjs}"],
    extends: [tseslint.configs.disableTypeChecked],
  },
  prettier,
);
