import type { MetadataRoute } from "next";
import { BACKGROUND_COLOR, BRAND_COLOR } from "@/components/shell/brand";

// Browsers fetch the manifest without cookies, so it stays in the primary language.
export default function manifest(): MetadataRoute.Manifest {
  return {
    id: "/",
    name: "校园网自助服务",
    short_name: "校园网",
    description: "查询网费余额和高速流量，换购流量套餐，查看用量。",
    lang: "zh-CN",
    dir: "ltr",
    start_url: "/",
    scope: "/",
    display: "standalone",
    orientation: "portrait",
    theme_color: BRAND_COLOR,
    background_color: BACKGROUND_COLOR,
    categories: ["education", "utilities"],
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/maskable-192.png", sizes: "192x192", type: "image/png", purpose: "maskable" },
      { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
