/** brand-700 from app/globals.css: theme colour of the browser UI, manifest and icons. */
export const BRAND_COLOR = "#0b5c8a";
/** slate-50: the page background, also the PWA splash background. */
export const BACKGROUND_COLOR = "#f8fafc";
