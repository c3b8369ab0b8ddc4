// The default locale's messages as one object, one import per namespace file. Its type is the
// type of every message key (i18n/next-intl.d.ts), so a wrong key fails `tsc`; the messages test
// checks it equals what i18n/messages.ts loads at run time, so a new namespace file must be added here.
import admin from "@/messages/zh-CN/admin.json";
import appeals from "@/messages/zh-CN/appeals.json";
import audit from "@/messages/zh-CN/audit.json";
import auth from "@/messages/zh-CN/auth.json";
import catalogue from "@/messages/zh-CN/catalogue.json";
import common from "@/messages/zh-CN/common.json";
import counter from "@/messages/zh-CN/counter.json";
import dashboard from "@/messages/zh-CN/dashboard.json";
import errors from "@/messages/zh-CN/errors.json";
import exchanges from "@/messages/zh-CN/exchanges.json";
import finance from "@/messages/zh-CN/finance.json";
import forecast from "@/messages/zh-CN/forecast.json";
import guest from "@/messages/zh-CN/guest.json";
import home from "@/messages/zh-CN/home.json";
import install from "@/messages/zh-CN/install.json";
import lifecycle from "@/messages/zh-CN/lifecycle.json";
import network from "@/messages/zh-CN/network.json";
import notices from "@/messages/zh-CN/notices.json";
import notifications from "@/messages/zh-CN/notifications.json";
import offline from "@/messages/zh-CN/offline.json";
import packages from "@/messages/zh-CN/packages.json";
import pauses from "@/messages/zh-CN/pauses.json";
import plans from "@/messages/zh-CN/plans.json";
import queues from "@/messages/zh-CN/queues.json";
import recharge from "@/messages/zh-CN/recharge.json";
import sandbox from "@/messages/zh-CN/sandbox.json";
import settings from "@/messages/zh-CN/settings.json";
import statement from "@/messages/zh-CN/statement.json";

export const defaultMessages = {
  admin,
  appeals,
  audit,
  auth,
  catalogue,
  common,
  counter,
  dashboard,
  errors,
  exchanges,
  finance,
  forecast,
  guest,
  home,
  install,
  lifecycle,
  network,
  notices,
  notifications,
  offline,
  packages,
  pauses,
  plans,
  queues,
  recharge,
  sandbox,
  settings,
  statement,
};
