import type { ComponentProps } from "react";
import { cn } from "./cn";

/** A grey placeholder block; size it with className (e.g. "h-8 w-32"). */
export function Skeleton({ className, ...props }: ComponentProps<"div">) {
  return <div aria-hidden className={cn("ui-skeleton", className)} {...props} />;
}
