import type { ComponentProps } from "react";
import { cn } from "./cn";

export type BadgeTone = "green" | "amber" | "red" | "gray" | "blue";

// The look is in components/ui/primitives.css (.ui-badge-*, below utilities).

export type BadgeProps = ComponentProps<"span"> & { tone?: BadgeTone; dot?: boolean };

export function Badge({ tone = "gray", dot = false, className, children, ...props }: BadgeProps) {
  return (
    <span className={cn("ui-badge", `ui-badge-${tone}`, className)} {...props}>
      {dot ? <span aria-hidden className="size-1.5 rounded-full bg-current" /> : null}
      {children}
    </span>
  );
}
