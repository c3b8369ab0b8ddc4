// Demo identities of the bundled development IdP (统一身份认证). The seed creates the same
// people in campusnet with believable data, so every role can be tried at once.
export type DemoRole = "student" | "operator" | "finance" | "admin";

export interface DemoAccount {
  /** OIDC subject */
  sub: string;
  /** login name: 学号 for students, 工号 for staff */
  username: string;
  name: string;
  role: DemoRole;
  email: string;
  college: string;
  /** shown on the IdP page to explain what the account is for */
  hint: { zh: string; en: string };
}

/** Development-only password of every demo account (shown on the IdP login page). */
export const DEMO_PASSWORD = "campus";

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    sub: "u-2023010001",
    username: "2023010001",
    name: "张三",
    role: "student",
    email: "2023010001@stu.campus.example",
    college: "计算机学院",
    hint: { zh: "学生：有余额、在用套餐", en: "Student with balance and an active package" },
  },
  {
    sub: "u-2023010002",
    username: "2023010002",
    name: "李四",
    role: "student",
    email: "2023010002@stu.campus.example",
    college: "经济管理学院",
    hint: { zh: "学生：高速流量已用完（限速中）", en: "Student whose high-speed quota ran out (throttled)" },
  },
  {
    sub: "u-2023010004",
    username: "2023010004",
    name: "陈晓",
    role: "student",
    email: "2023010004@stu.campus.example",
    college: "数学科学学院",
    hint: { zh: "学生：余额充足，暂无套餐", en: "Student with balance and no package" },
  },
  {
    sub: "u-2023010003",
    username: "2023010003",
    name: "王小明",
    role: "student",
    email: "2023010003@stu.campus.example",
    college: "外国语学院",
    hint: { zh: "学生：新生，无任何记录", en: "Brand-new student with no history" },
  },
  {
    sub: "u-2023010005",
    username: "2023010005",
    name: "刘洋",
    role: "student",
    email: "2023010005@stu.campus.example",
    college: "物理学院",
    hint: { zh: "学生：误操作申诉待处理（另有一次已驳回）", en: "Student with a pending exchange appeal (and a refused one)" },
  },
  {
    sub: "u-2023010006",
    username: "2023010006",
    name: "周婷",
    role: "student",
    email: "2023010006@stu.campus.example",
    college: "化学学院",
    hint: { zh: "学生：刚换购套餐，可申诉", en: "Student who just exchanged a package and may appeal it" },
  },
  {
    sub: "u-2023010007",
    username: "2023010007",
    name: "林可",
    role: "student",
    email: "2023010007@stu.campus.example",
    college: "计算机学院",
    hint: { zh: "学生：余额充足、暂无套餐（键盘与读屏检查用）", en: "Student with balance and no package (keyboard and screen-reader checks)" },
  },
  {
    sub: "u-2023010020",
    username: "2023010020",
    name: "吴磊",
    role: "student",
    email: "2023010020@stu.campus.example",
    college: "土木工程学院",
    hint: { zh: "学生：停机保号中（套餐已冻结，有恢复日期）", en: "Student whose account is paused, package frozen until the resume date" },
  },
  {
    sub: "u-2023010030",
    username: "2023010030",
    name: "何静",
    role: "student",
    email: "2023010030@stu.campus.example",
    college: "外国语学院",
    hint: { zh: "学生：用得快，首页预测本月高速流量提前用完", en: "Heavy user: the home forecast says high-speed data runs out before the month ends" },
  },
  {
    sub: "u-T20190001",
    username: "T20190001",
    name: "赵敏",
    role: "operator",
    email: "T20190001@staff.campus.example",
    college: "网络信息中心",
    hint: { zh: "营业厅操作员", en: "Service-desk operator" },
  },
  {
    sub: "u-F20180001",
    username: "F20180001",
    name: "钱芳",
    role: "finance",
    email: "F20180001@staff.campus.example",
    college: "计划财务处",
    hint: { zh: "财务", en: "Finance staff" },
  },
  {
    sub: "u-A20150001",
    username: "A20150001",
    name: "孙伟",
    role: "admin",
    email: "A20150001@staff.campus.example",
    college: "网络信息中心",
    hint: { zh: "系统管理员", en: "Administrator" },
  },
];
