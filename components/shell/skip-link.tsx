// Padding only while focused: on the sr-only link it would give the 1 px box a visible size.
export function SkipLink({ label, href = "#main" }: { label: string; href?: string }) {
  return (
    <a
      href={href}
      className="sr-only z-50 rounded-lg bg-white text-sm font-medium text-brand-800 shadow-lg focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:max-w-[calc(100vw-1.5rem)] focus:px-4 focus:py-2 focus:outline-2 focus:outline-brand-700"
    >
      {label}
    </a>
  );
}
