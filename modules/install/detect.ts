// Which install help a browser needs. Pure, so the home page's small client card and the tests share it.

/** In-app and third-party browsers on iOS: their share sheet may lack "Add to Home Screen". */
const NOT_SAFARI =
  /CriOS|FxiOS|EdgiOS|OPiOS|OPT\/|GSA\/|YaBrowser|DuckDuckGo|MicroMessenger|QQ\/|MQQBrowser|Weibo|DingTalk|AlipayClient|UCBrowser|baiduboxapp/i;

export interface IosEnv {
  userAgent: string;
  /** navigator.maxTouchPoints: iPadOS 13+ says "Macintosh" but has touch */
  maxTouchPoints?: number;
  /** navigator.standalone (iOS) or display-mode: standalone: already installed */
  standalone?: boolean;
}

/** Safari on iPhone, iPod or iPad, not yet opened from the home screen. */
export function needsIosInstallHint({ userAgent, maxTouchPoints = 0, standalone = false }: IosEnv): boolean {
  if (standalone) return false;
  const ios = /iPhone|iPad|iPod/.test(userAgent) || (/Macintosh/.test(userAgent) && maxTouchPoints > 1);
  if (!ios) return false;
  return /Safari\//.test(userAgent) && /Version\//.test(userAgent) && !NOT_SAFARI.test(userAgent);
}
