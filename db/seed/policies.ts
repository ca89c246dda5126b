// The reference zone's policy library (issue 21, docs/decisions/028): the province's strategic-emerging-industry
// power price, given to every zone by fillZoneFromTemplate and, for zones made before it, by migration t21_policies.
// Its document number and validity are left empty (shown as missing) for the zone to fill from the published text.
import type { PolicyCondition } from "../../app/modules/policies/policy-rules";

/** The province's 14 strategic emerging industries, named as the reference zone names its clusters. */
export const STRATEGIC_EMERGING_INDUSTRIES = [
  "信息技术应用创新",
  "半导体",
  "大数据融合创新",
  "光电",
  "光伏",
  "碳基新材料",
  "特种金属材料",
  "生物基新材料",
  "先进轨道交通装备",
  "煤机智能制造装备",
  "智能网联新能源汽车",
  "通用航空",
  "现代生物医药和大健康",
  "节能环保",
];

export const POWER_PRICE_POLICY = {
  code: "power-price-sei",
  title: "战略性新兴产业电价（0.30 元/千瓦时）",
  issuer: "省发展和改革委员会",
  documentNo: null,
  validFrom: null,
  validTo: null,
  benefit: "14 个战略性新兴产业的 110 千伏及以上电力用户，到户电价按 0.30 元/千瓦时执行",
  conditions: [
    { fact: "cluster", op: "in", values: STRATEGIC_EMERGING_INDUSTRIES },
    { fact: "voltageKv", op: "gte", value: "110" },
  ] satisfies PolicyCondition[],
};
