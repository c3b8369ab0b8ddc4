import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

// The look is in components/ui/primitives.css (.ui-control and friends, below utilities).
const control = "ui-control";

// 16px text keeps iOS Safari from zooming into a focused field.

export type InputProps = ComponentProps<"input"> & { invalid?: boolean };

export function Input({ className, invalid, ...props }: InputProps) {
  return <input aria-invalid={invalid || undefined} className={cn(control, "ui-input", className)} {...props} />;
}

export function Textarea({ className, invalid, ...props }: ComponentProps<"textarea"> & { invalid?: boolean }) {
  return <textarea aria-invalid={invalid || undefined} className={cn(control, "ui-textarea", className)} {...props} />;
}

export function Select({ className, invalid, ...props }: ComponentProps<"select"> & { invalid?: boolean }) {
  return <select aria-invalid={invalid || undefined} className={cn(control, "ui-select", className)} {...props} />;
}

export function Label({ className, ...props }: ComponentProps<"label">) {
  return <label className={cn("ui-label", className)} {...props} />;
}

/** Help text under a field; link it with aria-describedby. */
export function FieldHint({ className, ...props }: ComponentProps<"p">) {
  return <p className={cn("ui-field-hint", className)} {...props} />;
}

/** The field's error; renders nothing without children. Link it with aria-describedby. */
export function FieldError({ className, children, ...props }: ComponentProps<"p"> & { children?: ReactNode }) {
  if (!children) return null;
  return (
    <p role="alert" className={cn("ui-field-error", className)} {...props}>
      {children}
    </p>
  );
}
