// lucide's icons, drawn by whoever renders them: a Server Component renders plain SVG, with no
// client reference and no hydration. lucide-react's own base `Icon` is a client component
// ("use client", for its context), so every icon on a server-rendered page was a client island
// carrying lucide's runtime (~4 KB gzip on every page; docs/decisions/024-web-speed.md). The
// markup is lucide-react's (the same attributes, classes and aria-hidden rule); the path data
// is copied from the installed lucide-react by dev/icons.ts into ./lucide/<name>.ts, and
// icons.test.ts checks the copy against it.
import { createElement, type ReactElement, type Ref, type SVGProps } from "react";

export type IconNode = readonly (readonly [tag: string, attributes: Readonly<Record<string, string>>])[];
export type IconData = { readonly name: string; readonly aliases?: readonly string[]; readonly size?: number; readonly node: IconNode };

export type IconProps = Omit<SVGProps<SVGSVGElement>, "ref"> & {
  size?: number | string;
  /** the stroke keeps its width in pixels whatever the size (lucide's option of the same name) */
  absoluteStrokeWidth?: boolean;
  ref?: Ref<SVGSVGElement>;
};
export type IconComponent = ((props: IconProps) => ReactElement) & { displayName?: string };

const DEFAULT_SIZE = 24;
const DEFAULT_STROKE = 2;

/** lucide's rule: an icon with a label (aria-*, role, title or children) is announced, any other is hidden. */
function hasA11yProp(props: Record<string, unknown>): boolean {
  return Object.entries(props).some(([k, v]) => (k.startsWith("aria-") || k === "role" || k === "title") && v != null);
}

const pascal = (kebab: string) => kebab.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase());

export function lucideIcon(data: IconData): IconComponent {
  const viewSize = data.size ?? DEFAULT_SIZE;
  const baseClass = ["lucide", `lucide-${data.name}`, ...(data.aliases ?? []).map((a) => `lucide-${a}`)].join(" ");
  function Icon({ size = DEFAULT_SIZE, color = "currentColor", strokeWidth = DEFAULT_STROKE, absoluteStrokeWidth, className, children, ...rest }: IconProps) {
    const stroke = absoluteStrokeWidth ? (Number(strokeWidth) * viewSize) / Number(size) : strokeWidth;
    const hidden = !children && !hasA11yProp(rest);
    return (
      <svg
        xmlns="http://www.w3.org/2000/svg"
        width={size}
        height={size}
        viewBox={`0 0 ${viewSize} ${viewSize}`}
        fill="none"
        stroke={color}
        strokeWidth={stroke}
        strokeLinecap="round"
        strokeLinejoin="round"
        className={className ? `${baseClass} ${className}` : baseClass}
        aria-hidden={hidden ? "true" : undefined}
        {...rest}
      >
        {data.node.map(([tag, attributes], i) => createElement(tag, { key: attributes.key ?? i, ...attributes }))}
        {children}
      </svg>
    );
  }
  Icon.displayName = pascal(data.name);
  return Icon;
}
