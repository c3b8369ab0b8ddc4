import type { ComponentProps } from "react";
import { cn } from "./cn";
import { Spinner } from "./spinner";

export type ButtonVariant = "primary" | "secondary" | "ghost" | "danger";
export type ButtonSize = "sm" | "md" | "lg" | "icon";

// The look is in components/ui/primitives.css (.ui-btn*, a layer below utilities, so a className
// overrides it); only the rules for the icons inside stay utilities here.
const sizeIcons: Record<ButtonSize, string> = {
  sm: "[&_svg]:size-4",
  md: "[&_svg]:size-5",
  lg: "[&_svg]:size-5",
  icon: "[&_svg]:size-5",
};

/** Class names of a button, for links and other elements that should look like one. */
export function buttonVariants({
  variant = "primary",
  size = "md",
  fullWidth = false,
  className,
}: { variant?: ButtonVariant; size?: ButtonSize; fullWidth?: boolean; className?: string } = {}): string {
  return cn("ui-btn [&_svg]:shrink-0", `ui-btn-${variant}`, `ui-btn-${size}`, sizeIcons[size], fullWidth && "w-full", className);
}

export type ButtonProps = ComponentProps<"button"> & {
  variant?: ButtonVariant;
  size?: ButtonSize;
  fullWidth?: boolean;
  /** Shows a spinner, disables the button and marks it busy. */
  pending?: boolean;
  /** Text shown instead of the children while pending (e.g. "正在提交…"). */
  pendingLabel?: string;
};

export function Button({ variant, size, fullWidth, pending = false, pendingLabel, disabled, className, children, type = "button", ...props }: ButtonProps) {
  return (
    <button
      type={type}
      disabled={disabled || pending}
      aria-busy={pending || undefined}
      className={buttonVariants({ variant, size, fullWidth, className })}
      {...props}
    >
      {pending ? <Spinner /> : null}
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}
