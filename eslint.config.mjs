// ESLint 9 flat config. Only rules that catch real defects are on: style is Prettier's job
// (see .prettierrc.json), and the module boundaries are dependency-cruiser's (.dependency-cruiser.cjs).
// `npm run lint` runs both; `npm test` runs `npm run lint` as a suite.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import lit from "eslint-plugin-lit";
import wc from "eslint-plugin-wc";
import globals from "globals";

// Files that belong to a tsconfig, so the type-aware rules below can see their types.
const typed = [
  "core/src/**/*.ts",
  "core/test/**/*.ts",
  "plugins/*/src/**/*.ts",
  "plugins/*/test/**/*.ts",
  "widgets/src/**/*.ts",
  "widgets/test/**/*.ts",
  "migrations/**/*.ts",
];

export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/dist/**", "reports/**", "test-results/**", "playwright-report/**", "data/**", "bench/results/**", "**/*.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // Unused code is usually a leftover or a wiring mistake; a leading underscore says "on purpose".
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true }],
      // `!` after a lookup whose presence an earlier line proves is common and reviewed by hand.
      "@typescript-eslint/no-non-null-assertion": "off",
      eqeqeq: ["error", "always", { null: "ignore" }],
      "no-throw-literal": "error",
      "no-self-compare": "error",
      "no-template-curly-in-string": "error",
      "no-unmodified-loop-condition": "error",
      "no-unreachable-loop": "error",
      "no-constructor-return": "error",
      // `let self; … new Server(() => self!.x); self = …`: a closure made before the only assignment.
      "prefer-const": ["error", { ignoreReadBeforeAssign: true }],
    },
  },
  {
    // Type-aware rules: a promise nobody awaits loses its error (and a transaction its order).
    files: typed,
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { arguments: false, attributes: false } }],
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/return-await": ["error", "in-try-catch"],
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
    },
  },
  {
    // Widgets run in browsers: Lit's and the custom-elements rules, browser globals.
    files: ["widgets/**/*.ts"],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { lit, wc },
    rules: {
      ...lit.configs["flat/recommended"].rules,
      ...wc.configs["flat/recommended"].rules,
    },
    settings: { wc: { elementBaseClasses: ["LitElement", "CabinetElement"] } },
  },
  {
    // Tests read loosely typed JSON answers and poke at internals; `any` there is a reading aid, not a hole.
    files: ["**/test/**/*.ts", "e2e/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    files: ["host-examples/**/*.js"],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ["**/*.mjs", "**/*.cjs", "**/*.js"],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
