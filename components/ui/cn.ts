import { type ClassValue, clsx } from "clsx";

/**
 * Joins class names (clsx). No class merging: the primitives' defaults live in Tailwind's
 * `components` layer (components/ui/primitives.css), below the utilities a caller passes, so a
 * caller's class wins by the cascade. Two conflicting utilities in one list are a bug at that
 * call site (docs/decisions/024-web-speed.md): tailwind-merge (~8 KB) no longer ships.
 */
export function cn(...inputs: ClassValue[]): string {
  return clsx(inputs);
}
