"use client";
// The app's <Link>: next/link that prefetches on intent, not on sight. next/link prefetches every
// link as it enters the viewport; the home shows a dozen, so a phone spent its first seconds
// fetching and decoding other pages' payloads (about 0.5 s of Lighthouse's blocking time on the
// home, measured by refusing those requests). Here a link warms its page when a finger touches
// it, a pointer rests on it or the keyboard reaches it: the tap that follows finds the page's
// loading state (or the page) ready. A link that asks for prefetching explicitly keeps it.
// docs/decisions/024-web-speed.md; eslint keeps next/link out of everything else.
// eslint-disable-next-line no-restricted-imports -- the one place that wraps next/link
import NextLink from "next/link";
import { useRouter } from "next/navigation";
import type { ComponentProps, FocusEvent, MouseEvent, TouchEvent } from "react";

type LinkProps = ComponentProps<typeof NextLink>;

export default function Link(props: LinkProps) {
  const router = useRouter();
  if (props.prefetch !== undefined && props.prefetch !== null) return <NextLink {...props} />;

  const { onMouseEnter, onTouchStart, onFocus, href } = props;
  // Only links within the app; next/navigation dedupes repeated prefetches of one page.
  const warm = () => {
    if (typeof href === "string" && href.startsWith("/") && !href.startsWith("//")) router.prefetch(href);
  };
  return (
    <NextLink
      {...props}
      prefetch={false}
      onMouseEnter={(e: MouseEvent<HTMLAnchorElement>) => {
        onMouseEnter?.(e);
        warm();
      }}
      onTouchStart={(e: TouchEvent<HTMLAnchorElement>) => {
        onTouchStart?.(e);
        warm();
      }}
      onFocus={(e: FocusEvent<HTMLAnchorElement>) => {
        onFocus?.(e);
        warm();
      }}
    />
  );
}
