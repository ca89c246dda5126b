// Importing a sheet in Chromium: a manager uploads a file with two bad rows, reads what is wrong, fixes it,
// imports, and finds the projects in the list; the same works without JavaScript.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, signInPage } from "../support/browser";
import { browserKinds } from "../support/db";
import { TEST_PASSWORD } from "../support/factories";
import type { TestServer } from "../support/server";
import { startTestServer } from "../support/server";
import type { World } from "../support/world";
import { worldTemplate } from "../support/world";

const HEADER = "项目名称,投资方,产业集群,负责人,阶段,首次接洽日期,签约日期,开工日期,总投资(万元)";

describe.each(browserKinds())("importing projects in Chromium (%s)", (kind) => {
  let server: TestServer<World>;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(kind, worldTemplate({ demoProjects: 30 })), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const sheet = (rows: string[]) => ({
    name: "历年项目台账.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`\uFEFF${[HEADER, ...rows].join("\r\n")}\r\n`),
  });

  it("a manager uploads a file with two bad rows, reads the errors, fixes the file, imports, and finds the projects", async () => {
    const w = server.data;
    const page = await signInPage(browser, server.baseUrl, w.logins.manager);
    await page.goto(`${server.baseUrl}/imports`);
    await page.getByRole("heading", { name: "批量导入项目" }).waitFor();
    expect(await page.getByRole("link", { name: "下载导入模板（XLSX）" }).getAttribute("href")).toBe("/imports/template.xlsx");

    const good = [
      `浏览器导入甲项目,浏览器导入投资方甲,${w.clusterName},${w.logins.staff},洽谈,2025-03-01,,,"2,300.00"`,
      `浏览器导入丙项目,浏览器导入投资方丙,${w.clusterName},,线索,,,,`,
    ];
    const bad = [
      `浏览器导入乙项目,浏览器导入投资方乙,${w.clusterName},,开工,2025-01-05,2025-06-01,2025-05-01,8000`,
      `浏览器导入丁项目,浏览器导入投资方丁,${w.clusterName},,签约,,2025-02-30,,12.345`,
    ];
    await page.getByLabel("文件").setInputFiles(sheet([good[0], bad[0], good[1], bad[1]]));
    await page.getByRole("button", { name: "开始导入" }).click();

    await page.getByText("文件未导入：3 处错误").waitFor();
    const errors = page.locator("table.import-errors tbody tr");
    expect(await errors.allInnerTexts()).toEqual([
      "3\t开工日期\t2025-05-01 早于签约日期（2025-06-01）",
      "5\t总投资(万元)\t“12.345”超过两位小数",
      "5\t签约日期\t“2025-02-30”不是有效日期，请填写 YYYY-MM-DD",
    ]);
    const download = await page.getByRole("link", { name: "下载错误清单 CSV" }).getAttribute("href");
    expect(download).toMatch(/^\/imports\/\d+\/errors\?export=csv$/);
    expect(await page.getByRole("link", { name: "下载错误清单 XLSX" }).getAttribute("href")).toBe(download!.replace("csv", "xlsx"));
    // The link gives the file, with the page's cookie (it answered 500 once).
    const file = await page.request.get(`${server.baseUrl}${download}`);
    expect(file.status()).toBe(200);
    expect(await file.text()).toContain("5,签约日期,“2025-02-30”不是有效日期，请填写 YYYY-MM-DD");
    // Nothing of the file was written.
    await page.goto(`${server.baseUrl}/projects?q=${encodeURIComponent("浏览器导入")}`);
    await page.getByText("没有符合条件的记录").waitFor();

    await page.goto(`${server.baseUrl}/imports`);
    await page.getByRole("heading", { name: "批量导入项目" }).waitFor();
    const fixed = [
      `浏览器导入乙项目,浏览器导入投资方乙,${w.clusterName},,开工,2025-01-05,2025-04-01,2025-05-01,8000`,
      `浏览器导入丁项目,浏览器导入投资方丁,${w.clusterName},,签约,,2025-02-28,,12.35`,
    ];
    await page.getByLabel("文件").setInputFiles(sheet([good[0], fixed[0], good[1], fixed[1]]));
    await page.getByRole("button", { name: "开始导入" }).click();
    await page.getByText("导入完成：新建 4 个项目，更新 0 个项目。").waitFor();
    // The run is listed among the company's recent imports.
    await page.getByRole("link", { name: "查看项目列表" }).click();
    await page.getByRole("heading", { name: "项目" }).waitFor();
    await page.getByLabel("查询").fill("浏览器导入");
    await page.getByRole("button", { name: "查询" }).click();
    for (const name of ["浏览器导入甲项目", "浏览器导入乙项目", "浏览器导入丙项目", "浏览器导入丁项目"]) {
      await page.getByRole("link", { name }).waitFor();
    }
    await page.getByRole("link", { name: "浏览器导入乙项目" }).click();
    await page.getByText("2025-04-01").first().waitFor();
    await page.goto(`${server.baseUrl}/imports`);
    await page.getByRole("cell", { name: "已完成" }).first().waitFor();
    await page.context().close();
  });

  it("works without JavaScript: the form posts and the answer is the run's result", async () => {
    const w = server.data;
    const context = await browser.newContext({ locale: "zh-CN", javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel("用户名").fill(w.logins.manager);
    await page.getByLabel("密码").fill(TEST_PASSWORD);
    await Promise.all([page.waitForURL((url) => !url.pathname.startsWith("/login")), page.getByRole("button", { name: "登录" }).click()]);
    await page.goto(`${server.baseUrl}/imports`);
    await page.getByLabel("文件").setInputFiles(sheet([`无脚本导入项目,无脚本投资方,${w.clusterName},,线索,,,,`]));
    await Promise.all([page.waitForURL(/\/imports\/\d+$/), page.getByRole("button", { name: "开始导入" }).click()]);
    await page.getByText("导入完成：新建 1 个项目，更新 0 个项目。").waitFor();
    await context.close();
  });
});
