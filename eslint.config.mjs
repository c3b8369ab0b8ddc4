// Lint: Next.js's core-web-vitals + TypeScript rules (flat config). Part of `npm test`.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";

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
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: "Use now() from @/lib/clock: rules read the one settable clock (wallMs() for durations, cache ages, log throttles).",
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: "Use nowMs() from @/lib/clock: rules read the one settable clock (wallMs() for durations, cache ages, log throttles).",
        },
        {
          selector: "CallExpression[callee.name='revalidatePath'][arguments.0.value='/']",
          message:
            "Use revalidateStudentPages() from @/lib/revalidate: revalidating '/' also marks the static service worker stale, and the standalone server cannot rebuild it.",
        },
      ],
    },
  },
  {
    // Boundaries (STYLE.md habits 2 and 11), kept by the linter: only services read the
    // database. Services are modules/<domain>/service.ts and <name>.service.ts;
    // dev/, prisma/, bench/, e2e/ and tests may reach it too. Proof: lib/lint-boundaries.test.ts.
    files: ["**/*.{ts,tsx,mts}"],
    ignores: [
      "modules/**/service.ts",
      "modules/**/*.service.ts",
      "modules/**/test-helpers.ts",
      "lib/db.ts",
      "dev/**",
      "prisma/**",
      "bench/**",
      "e2e/**",
      "**/*.test.ts",
      "**/*.test.tsx",
    ],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "next/link", message: "Use @/components/ui/link: it prefetches on intent, not on sight (docs/decisions/024-web-speed.md)." },
            { name: "lucide-react", message: "Use @/components/icons/lucide/<name> (drawn with no client runtime); `npx tsx dev/icons.ts Name` adds one." },
          ],
          patterns: [{ group: ["@/lib/db", "**/lib/db"], message: "Only services (modules/*/service*.ts) import the database; call a service." }],
        },
      ],
    },
  },
  {
    // Nothing in modules/ reaches up into app/ (routes compose modules, not the reverse).
    files: ["modules/**/*.{ts,tsx}"],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/app/**", "**/app/**"], message: "modules/ never imports app/: move what both need into the module." }] },
      ],
    },
  },
  {
    // lib/ is below every module and never imports app/ or a module.
    files: ["lib/**/*.{ts,tsx}"],
    ignores: ["**/*.test.ts", "**/*.test.tsx", "lib/auth.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/app/**", "**/app/**"], message: "lib/ never imports app/." },
            { group: ["@/modules/**", "**/modules/**"], message: "lib/ imports no module: move the helper into lib/ or call it from the module." },
          ],
        },
      ],
    },
  },
  {
    // The one allowed exception: lib/auth.ts is the next-auth wiring, and the session user is a
    // database read, which only a service may do (above), so it calls modules/accounts/service.
    // Moving that read into lib/ would break the first boundary instead. It still never imports app/.
    files: ["lib/auth.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": ["error", { patterns: [{ group: ["@/app/**", "**/app/**"], message: "lib/ never imports app/." }] }],
    },
  },
  {
    // Playwright fixtures receive a `use` callback: not React's hook.
    files: ["e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "lib/generated/**",
      ".data/**",
      "e2e/.state/**",
      "playwright-report/**",
      "test-results/**",
      "tmp/**",
      "next-env.d.ts",
    ],
  },
  // Layout is Prettier's (.prettierrc.json; `npm run lint` checks both): no style rules that fight it.
  prettier,
];

export default config;
