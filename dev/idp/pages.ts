// HTML of the development IdP (统一身份认证): login, logout confirmation, signed-out and error
// pages. Inline CSS only, no external assets (works offline), mobile first.
import { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoRole } from "./accounts";

export function esc(value: unknown): string {
  return String(value ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const ROLE_LABEL: Record<DemoRole, { zh: string; en: string }> = {
  student: { zh: "学生", en: "Student" },
  operator: { zh: "营业厅操作员", en: "Operator" },
  finance: { zh: "财务", en: "Finance" },
  admin: { zh: "管理员", en: "Admin" },
};

const CSS = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;min-height:100vh;font-family:-apple-system,BlinkMacSystemFont,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei","Helvetica Neue",Arial,sans-serif;color:#1f2937;background:#eef2f7;background-image:linear-gradient(180deg,#0b4a8b 0,#0b4a8b 150px,#eef2f7 150px);line-height:1.5}
header{color:#fff;padding:20px 16px 8px;max-width:960px;margin:0 auto;display:flex;align-items:center;gap:12px}
.logo{flex:none;width:44px;height:44px;border-radius:50%;background:#fff;color:#0b4a8b;display:flex;align-items:center;justify-content:center;font-weight:700;font-size:20px}
header h1{margin:0;font-size:20px;letter-spacing:1px}
header p{margin:0;font-size:12px;opacity:.85;letter-spacing:.5px}
main{max-width:960px;margin:0 auto;padding:12px 16px 32px;display:grid;gap:16px}
@media(min-width:800px){main{grid-template-columns:380px 1fr;align-items:start}}
.card{background:#fff;border-radius:10px;box-shadow:0 4px 16px rgba(15,23,42,.12);padding:20px}
.card h2{margin:0 0 4px;font-size:18px}
.sub{margin:0 0 16px;color:#6b7280;font-size:13px}
label{display:block;font-size:14px;font-weight:600;margin:12px 0 6px}
label small{font-weight:400;color:#6b7280}
input{width:100%;font-size:16px;padding:10px 12px;border:1px solid #cbd5e1;border-radius:6px;background:#f8fafc}
input:focus{outline:2px solid #0b4a8b;outline-offset:0;border-color:#0b4a8b;background:#fff}
.btn{display:block;width:100%;margin-top:18px;padding:11px;font-size:16px;font-weight:600;color:#fff;background:#0b4a8b;border:0;border-radius:6px;cursor:pointer;text-align:center;text-decoration:none}
.btn:hover{background:#093c72}
.btn.secondary{background:#fff;color:#0b4a8b;border:1px solid #0b4a8b;margin-top:10px}
.error{margin:0 0 12px;padding:10px 12px;border-radius:6px;background:#fef2f2;color:#b91c1c;border:1px solid #fecaca;font-size:14px}
.note{margin:14px 0 0;font-size:12px;color:#6b7280}
.note code{background:#f1f5f9;padding:1px 5px;border-radius:4px;color:#0b4a8b;font-size:13px}
.client{font-size:13px;color:#374151;background:#f1f5f9;border-radius:6px;padding:8px 10px;margin:0 0 4px}
ul.accounts{list-style:none;margin:0;padding:0;display:grid;gap:8px}
@media(min-width:560px){ul.accounts{grid-template-columns:1fr 1fr}}
.acct{width:100%;text-align:left;border:1px solid #e2e8f0;background:#f8fafc;border-radius:8px;padding:10px 12px;cursor:pointer;font:inherit;color:inherit;display:block}
.acct:hover,.acct:focus{border-color:#0b4a8b;background:#eff6ff;outline:none}
.acct .top{display:flex;justify-content:space-between;gap:8px;align-items:baseline}
.acct .name{font-weight:600}
.acct .role{font-size:12px;padding:1px 8px;border-radius:999px;background:#dbeafe;color:#1e40af;white-space:nowrap}
.acct .role.operator{background:#dcfce7;color:#166534}.acct .role.finance{background:#fef3c7;color:#92400e}.acct .role.admin{background:#fee2e2;color:#991b1b}
.acct .user,.acct .hint{display:block}
.acct .user{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px;color:#334155}
.acct .hint{font-size:12px;color:#6b7280}
footer{text-align:center;font-size:12px;color:#6b7280;padding:0 16px 24px}
.center{max-width:440px;margin:0 auto}
`;

function layout(title: string, body: string, script = ""): string {
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
  <div class="logo" aria-hidden="true">校</div>
  <div><h1>统一身份认证</h1><p>Campus Single Sign-On · 开发环境 Development IdP</p></div>
</header>
${body}
<footer>仅用于开发、演示与测试 · For development, demos and tests only</footer>
${script}
</body>
</html>`;
}

export interface LoginPageOptions {
  uid: string;
  clientName: string;
  username?: string;
  error?: string;
}

export function loginPage({ uid, clientName, username = "", error }: LoginPageOptions): string {
  const action = `/interaction/${encodeURIComponent(uid)}/login`;
  const accounts = DEMO_ACCOUNTS.map((a) => {
    const role = ROLE_LABEL[a.role];
    return `<li><button type="button" class="acct" data-username="${esc(a.username)}" title="使用此账号登录 Sign in as ${esc(a.username)}">
<span class="top"><span class="name">${esc(a.name)}</span><span class="role ${esc(a.role)}">${esc(role.zh)} ${esc(role.en)}</span></span>
<span class="user">${esc(a.username)}</span>
<span class="hint">${esc(a.hint.zh)}<br>${esc(a.hint.en)}</span>
</button></li>`;
  }).join("\n");

  const body = `<main>
<section class="card" aria-labelledby="login-title">
  <h2 id="login-title">账号登录 <small style="font-weight:400;color:#6b7280;font-size:14px">Sign in</small></h2>
  <p class="sub">请使用学号或工号登录 · Use your student or staff ID</p>
  <p class="client">即将登录应用 Signing in to: <strong>${esc(clientName)}</strong></p>
  ${error ? `<p class="error" role="alert">${esc(error)}</p>` : ""}
  <form method="post" action="${esc(action)}" autocomplete="off" id="login-form">
    <label for="username">用户名 <small>Username（学号 / 工号）</small></label>
    <input id="username" name="username" type="text" value="${esc(username)}" required autocapitalize="none" autocorrect="off" spellcheck="false" ${username ? "" : "autofocus"}>
    <label for="password">密码 <small>Password</small></label>
    <input id="password" name="password" type="password" required ${username ? "autofocus" : ""}>
    <button type="submit" class="btn">登录 Sign in</button>
  </form>
  <a class="btn secondary" href="/interaction/${esc(encodeURIComponent(uid))}/abort">取消 Cancel</a>
  <p class="note">演示账号的密码均为 <code>${esc(DEMO_PASSWORD)}</code> · Every demo account's password is <code>${esc(DEMO_PASSWORD)}</code></p>
</section>
<section class="card" aria-labelledby="demo-title">
  <h2 id="demo-title">演示账号 <small style="font-weight:400;color:#6b7280;font-size:14px">Demo accounts</small></h2>
  <p class="sub">点击账号直接登录 · Click an account to sign in with it</p>
  <ul class="accounts">
${accounts}
  </ul>
</section>
</main>`;

  // Clicking a demo account fills the form and submits it (the real 登录 button stays the only
  // submit button on the page, so `button[type=submit]` is unambiguous).
  const script = `<script>
(function(){
  var form=document.getElementById('login-form');
  var buttons=document.querySelectorAll('button.acct');
  for(var i=0;i<buttons.length;i++){buttons[i].addEventListener('click',function(e){
    form.elements.username.value=e.currentTarget.getAttribute('data-username');
    form.elements.password.value=${JSON.stringify(DEMO_PASSWORD)};
    if(form.requestSubmit){form.requestSubmit();}else{form.submit();}
  });}
})();
</script>`;

  return layout("统一身份认证 · Campus SSO", body, script);
}

/** `form` is oidc-provider's hidden form (id="op.logoutForm") carrying the xsrf token. */
export function logoutPage(form: string, clientName?: string): string {
  const body = `<main class="center"><section class="card">
  <h2>退出登录 <small style="font-weight:400;color:#6b7280;font-size:14px">Sign out</small></h2>
  <p class="sub">${clientName ? `应用 <strong>${esc(clientName)}</strong> 请求退出统一身份认证。<br>` : ""}确定要退出统一身份认证吗？<br>Do you want to sign out of Campus SSO?</p>
  ${form}
  <button type="submit" form="op.logoutForm" name="logout" value="yes" class="btn" autofocus>退出登录 Sign out</button>
  <button type="submit" form="op.logoutForm" class="btn secondary">保持登录 Stay signed in</button>
</section></main>`;
  return layout("退出登录 · Sign out", body);
}

export function loggedOutPage(clientName?: string): string {
  const body = `<main class="center"><section class="card">
  <h2>已退出 <small style="font-weight:400;color:#6b7280;font-size:14px">Signed out</small></h2>
  <p class="sub">您已退出统一身份认证${clientName ? `（${esc(clientName)}）` : ""}。<br>You have signed out of Campus SSO.</p>
</section></main>`;
  return layout("已退出 · Signed out", body);
}

export function errorPage(title: string, details: Record<string, unknown>): string {
  const rows = Object.entries(details)
    .filter(([, v]) => v !== undefined && v !== null && v !== "")
    .map(([k, v]) => `<p class="note"><strong>${esc(k)}</strong>: ${esc(v)}</p>`)
    .join("\n");
  const body = `<main class="center"><section class="card">
  <h2>出错了 <small style="font-weight:400;color:#6b7280;font-size:14px">Something went wrong</small></h2>
  <p class="error" role="alert">${esc(title)}</p>
  ${rows}
  <p class="note">请返回应用重新登录。Please go back to the application and sign in again.</p>
</section></main>`;
  return layout("出错了 · Error", body);
}
