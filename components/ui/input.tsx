import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

const control =
  "block w-full rounded-xl border-0 bg-white px-3.5 text-base text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset " +
  "placeholder:text-slate-400 focus:ring-2 focus:ring-brand-600 focus:outline-none " +
  "disabled:cursor-not-allowed disabled:bg-slate-50 disabled:text-slate-500 " +
  "aria-invalid:ring-red-500 aria-invalid:focus:ring-red-600";

// 16px text keeps iOS Safari from zooming into a focused field.

export type InputProps = ComponentProps<"input"> & { invalid?: boolean };

export function Input({ className, invalid, ...props }: InputProps) {
  return <input aria-invalid={invalid || undefined} className={cn(control, "h-11", className)} {...props} />;
}

export function Textarea({ className, invalid, ...props }: ComponentProps<"textarea"> & { invalid?: boolean }) {
  return <textarea aria-invalid={invalid || undefined} className={cn(control, "min-h-24 py-2.5", className)} {...props} />;
}

export function Select({ className, invalid, ...props }: ComponentProps<"select"> & { invalid?: boolean }) {
  return <select aria-invalid={invalid || undefined} className={cn(control, "h-11 pr-9", className)} {...props} />;
}

export function Label({ className, ...props }: ComponentProps<"label">) {
  return <label className={cn("mb-1.5 block text-sm font-medium text-slate-700", className)} {...props} />;
}

/** Help text under a field; link it with aria-describedby. */
export function FieldHint({ className, ...props }: ComponentProps<"p">) {
  return <p className={cn("mt-1.5 text-sm text-slate-500", className)} {...props} />;
}

/** The field's error; renders nothing without children. Link it with aria-describedby. */
export function FieldError({ className, children, ...props }: ComponentProps<"p"> & { children?: ReactNode }) {
  if (!children) return null;
  return (
    <p role="alert" className={cn("mt-1.5 text-sm font-medium text-red-600", className)} {...props}>
      {children}
    </p>
  );
}
