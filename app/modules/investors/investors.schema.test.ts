import { describe, expect, it } from "vitest";
import { translator } from "~/lib/i18n";
import { translateError } from "~/lib/forms";
import { checkUscc, completeUscc, describeUsccProblem } from "~/lib/uscc";
import {
  createInvestorSchema,
  investorFormValues,
  normaliseMobile,
  normaliseWechat,
  parseInvestorValues,
  updateInvestorSchema,
  withContactAdded,
  withContactRemoved,
} from "./investors.schema";

const zh = translator("zh");
const GOOD = completeUscc("91140100MA0L23456");

function form(entries: Record<string, string>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(entries)) f.append(k, v);
  return f;
}

const parseCreate = (entries: Record<string, string>) => parseInvestorValues(createInvestorSchema, investorFormValues(form(entries)));

describe("the investor form's schema", () => {
  it("normalises mainland mobile numbers typed with spaces, dashes, +86 or full-width digits", () => {
    expect(normaliseMobile("138 0013 8000")).toBe("13800138000");
    expect(normaliseMobile("138-0013-8000")).toBe("13800138000");
    expect(normaliseMobile("+86 138 0013 8000")).toBe("13800138000");
    expect(normaliseMobile("0086-13800138000")).toBe("13800138000");
    expect(normaliseMobile("８６１３８００１３８０００")).toBe("13800138000");
    const ok = parseCreate({ name: "太原星河智能装备有限公司", "contacts.0.name": "王敏", "contacts.0.mobile": "+86 139-1234-5678" });
    expect(ok.ok && ok.data.contacts[0].mobile).toBe("13912345678");
  });

  it("refuses a number that is not a mainland mobile, next to that row's field", () => {
    for (const bad of ["1234567", "12800138000", "0351-1234567", "138001380001"]) {
      const result = parseCreate({
        name: "太原星河智能装备有限公司",
        "contacts.0.name": "王敏",
        "contacts.1.name": "李强",
        "contacts.1.mobile": bad,
      });
      expect(result.ok ? null : result.errors, bad).toEqual({ "contacts.1.mobile": "investors.mobileInvalid" });
    }
  });

  it("says which character of a wrong credit code is wrong, in the words describeUsccProblem uses", () => {
    const wrongChar = `${GOOD.slice(0, 8)}O${GOOD.slice(9)}`;
    const result = parseCreate({ name: "太原星河智能装备有限公司", uscc: wrongChar });
    expect(result.ok).toBe(false);
    const message = result.ok ? "" : translateError(zh, result.errors.uscc!);
    const problem = checkUscc(wrongChar);
    expect(problem.ok).toBe(false);
    if (!problem.ok) expect(message).toBe(describeUsccProblem(problem.problem, zh));
    expect(message).toBe("统一社会信用代码第9位“O”不是有效字符（不使用 I、O、S、V、Z）");

    const wrongCheck = GOOD.slice(0, 17) + (GOOD[17] === "1" ? "2" : "1");
    const check = parseCreate({ name: "太原星河智能装备有限公司", uscc: wrongCheck });
    expect(check.ok ? "" : translateError(zh, check.errors.uscc!)).toContain(`应为“${GOOD[17]}”`);
    const short = parseCreate({ name: "太原星河智能装备有限公司", uscc: "91140100" });
    expect(short.ok ? "" : translateError(zh, short.errors.uscc!)).toBe("统一社会信用代码应为18位，当前为8位");
  });

  it("accepts a code typed in lower case, with spaces or in full-width characters, and stores it upper-case", () => {
    const full = GOOD.toLowerCase().replace(/[0-9a-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    for (const typed of [GOOD.toLowerCase(), `${GOOD.slice(0, 9)} ${GOOD.slice(9)}`, full]) {
      const result = parseCreate({ name: "太原星河智能装备有限公司", uscc: typed });
      expect(result.ok && result.data.uscc, typed).toBe(GOOD);
    }
  });

  it("needs a name of 2–100 characters; the code and the rest are optional", () => {
    expect(parseCreate({ name: " 星 " })).toEqual({ ok: false, errors: { name: "validation.required" } });
    expect(parseCreate({ name: "星".repeat(101) })).toEqual({ ok: false, errors: { name: "validation.tooLong" } });
    const ok = parseCreate({ name: "  太原星河智能装备有限公司 ", uscc: "", region: "", website: "" });
    expect(ok).toEqual({
      ok: true,
      data: expect.objectContaining({ name: "太原星河智能装备有限公司", uscc: undefined, contacts: [], confirmed: false }),
    });
  });

  it("drops a contact row left empty but keeps the other rows' positions for their messages", () => {
    const result = parseCreate({
      name: "太原星河智能装备有限公司",
      "contacts.0.name": "",
      "contacts.1.name": "",
      "contacts.1.email": "not-an-email",
      "contacts.2.name": "李强",
    });
    expect(result.ok ? null : result.errors).toEqual({ "contacts.1.name": "validation.required", "contacts.1.email": "investors.emailInvalid" });
    const ok = parseCreate({ name: "太原星河智能装备有限公司", "contacts.0.name": "", "contacts.1.name": "李强" });
    expect(ok.ok && ok.data.contacts.map((c) => c.name)).toEqual(["李强"]);
  });

  it("carries the version an edit started from, and the confirmation of a new one", () => {
    const edit = parseInvestorValues(updateInvestorSchema, investorFormValues(form({ name: "太原星河智能装备有限公司", version: "3" })));
    expect(edit.ok && edit.data.version).toBe(3);
    const missing = parseInvestorValues(updateInvestorSchema, investorFormValues(form({ name: "太原星河智能装备有限公司" })));
    expect(missing.ok).toBe(false);
    const confirmed = parseCreate({ name: "太原星河智能装备有限公司", confirmed: "1" });
    expect(confirmed.ok && confirmed.data.confirmed).toBe(true);
  });

  it("reads contact rows from the posted names and adds or removes rows without JavaScript", () => {
    const values = investorFormValues(
      form({ name: "甲", "contacts.1.name": "乙", "contacts.0.name": "丙", csrf: "x", "contacts.999.name": "ignored" }),
    );
    expect(values.contacts).toEqual([{ name: "丙" }, { name: "乙" }]);
    expect(withContactAdded(values).contacts).toHaveLength(3);
    expect(withContactRemoved(values, 0).contacts).toEqual([{ name: "乙" }]);
  });

  it("takes a contact's 微信 as a WeChat ID (6–20, letters/digits/_/-, starting with a letter) or the bound mobile", () => {
    expect(normaliseWechat("zhang_wei-88")).toBe("zhang_wei-88");
    expect(normaliseWechat("ａｂｃｄｅｆ")).toBe("abcdef"); // full-width, as an IME types it
    expect(normaliseWechat("+86 138 0013 8000")).toBe("13800138000");
    for (const wrong of ["abcde", "a".repeat(21), "1abcdef", "_abcdef", "zhang wei", "张伟weixin", "12345678", "abc.def"]) {
      expect(normaliseWechat(wrong), wrong).toBeUndefined();
    }
    const parsed = parseCreate({ name: "山西某投资有限公司", "contacts.0.name": "张伟", "contacts.0.wechat": "zw" });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(translateError(zh, parsed.errors["contacts.0.wechat"] ?? "")).toContain("请输入微信号");
    const good = parseCreate({ name: "山西某投资有限公司", "contacts.0.name": "张伟", "contacts.0.wechat": " wxid_zw2026 " });
    expect(good.ok && good.data.contacts[0].wechat).toBe("wxid_zw2026");
  });
});
