// Lint: Next.js's core-web-vitals + TypeScript rules (flat config). Part of `npm test`.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      // `_name` marks a parameter an interface requires but this implementation does not use.
      "@typescript-eslint/no-unused-vars": ["warn", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Time is an input: rules read the one settable clock (lib/clock.ts), so tests, the demo
    // and the e2e stack can run on any date. What is truly wall-clock (timeouts, latency,
    // caches, a gateway's signature window) says so with an eslint-disable-next-line comment.
    files: ["app/**/*.{ts,tsx}", "modules/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}", "dev/demo-campus.ts", "dev/factory.ts"],
    ignores: ["**/*.test.ts", "**/*.test.tsx", "lib/clock.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "Use now() from @/lib/clock: rules read the one settable clock." },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: "Use nowMs() from @/lib/clock: rules read the one settable clock." },
      ],
    },
  },
  {
    // Playwright fixtures receive a `use` callback: not React's hook.
    files: ["e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    ignores: [".next/**", "node_modules/**", "lib/generated/**", ".data/**", "e2e/.state/**", "playwright-report/**", "test-results/**", "tmp/**", "next-env.d.ts"],
  },
];

export default config;
