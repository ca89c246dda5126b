// The default catalogue of approval items (审批事项, issue 21) every zone starts with: fillZoneFromTemplate seeds
// it, and migration t21_approvals gave the zones made before the same list. A zone edits its own afterwards.
import type { CatalogueDefaults } from "../../app/modules/approvals/approval-rules";

// The days, from public sources (the zone edits them; the law counts working days where it says so, the light counts
// the catalogue's figure as calendar days, which errs on the side of chasing early):
// - 企业设立登记: 1 day, the provinces' 企业开办 "一日办结" promise (国办发〔2019〕 on cutting business start-up time).
// - 项目备案/核准: 20 working days for 核准, 《企业投资项目核准和备案管理条例》(国务院令第673号) art. 10 (备案 is immediate online).
// - 用地预审与选址: 20 days, 《建设项目用地预审管理办法》 and the 2019 merger of 预审 and 选址 (自然资规〔2019〕2号).
// - 土地出让/标准地: 30 days: the 出让 notice runs at least 20 days (国土资源部令第39号 art. 10), plus the contract.
// - 建设用地规划许可, 工程规划许可: 20 days, the default of 《行政许可法》 art. 42 (城乡规划法 sets no figure).
// - 施工许可: 7 days, 《建筑工程施工许可管理办法》(住建部令第18号, as amended 2021) art. 5.
// - 环评: 30 days for a 报告表 (60 for a 报告书), 《环境影响评价法》 art. 22.
// - 能评: 20 working days, 《固定资产投资项目节能审查办法》(国家发展改革委令2023年第2号).
// - 安评: 20 days, 《行政许可法》 art. 42 (the 危化品 安全条件审查 allows 45: raise it per zone).
// - 消防设计审查: 15 working days, 《建设工程消防设计审查验收管理暂行规定》(住建部令第51号) art. 17.
// - 竣工验收: 15 days, the 消防验收 of the same rules and the 竣工验收备案 (住建部令第2号).
// 承诺制 on 环评, 能评, 安评: the development zones' 区域评估 + 告知承诺制 (山西's 开发区承诺制 reform).
export const DEFAULT_APPROVAL_ITEMS: CatalogueDefaults[] = [
  item("registration", "企业设立登记", "市场监督管理局", 1, false, true, [true, false, false], false),
  item("filing", "项目备案/核准", "发展改革部门（行政审批局）", 20, false, true, [true, true, true], false),
  item("land_preview", "用地预审与选址", "自然资源部门", 20, false, true, [true, true, false], true),
  item("land_grant", "土地出让/标准地", "自然资源部门", 30, false, true, [true, true, false], true),
  item("land_planning", "建设用地规划许可", "自然资源部门（规划）", 20, false, true, [true, true, false], true),
  item("works_planning", "工程规划许可", "自然资源部门（规划）", 20, false, true, [true, true, false], false),
  item("construction_permit", "施工许可", "住房和城乡建设部门", 7, false, true, [true, true, false], false),
  item("environment", "环评", "生态环境部门", 30, true, true, [true, true, true], false),
  item("energy", "能评", "发展改革部门（节能审查）", 20, true, true, [true, true, true], false),
  item("safety", "安评", "应急管理部门", 20, true, false, [true, true, true], false),
  item("fire_design", "消防设计审查", "住房和城乡建设部门（消防）", 15, false, true, [true, true, true], false),
  item("completion", "竣工验收", "住房和城乡建设部门", 15, false, false, [true, true, true], false),
];

function item(
  code: string,
  name: string,
  authority: string,
  allowedDays: number,
  commitment: boolean,
  requiredForConstruction: boolean,
  [appliesNew, appliesExpansion, appliesUpgrade]: [boolean, boolean, boolean],
  newLandOnly: boolean,
): CatalogueDefaults {
  return { code, name, authority, allowedDays, commitment, requiredForConstruction, appliesNew, appliesExpansion, appliesUpgrade, newLandOnly };
}
