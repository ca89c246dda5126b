// Word pools for the demo seed (db/seed/demo.ts). Invented but realistic Chinese names, products and notes.
// Keys of the per-cluster pools are the cluster codes of db/seed/reference.ts.

import type { ACTIVITY_KINDS, LOST_REASONS, REVIEW_OUTCOMES } from "../schema";

type ActivityKindName = (typeof ACTIVITY_KINDS)[number];
type LostReason = (typeof LOST_REASONS)[number];
type ReviewOutcomeName = (typeof REVIEW_OUTCOMES)[number];

/** Surnames with their pinyin, roughly in order of frequency. */
export const SURNAMES: readonly (readonly [string, string])[] = [
  ["王", "wang"], ["李", "li"], ["张", "zhang"], ["刘", "liu"], ["陈", "chen"], ["杨", "yang"], ["赵", "zhao"],
  ["黄", "huang"], ["周", "zhou"], ["吴", "wu"], ["徐", "xu"], ["孙", "sun"], ["胡", "hu"], ["朱", "zhu"],
  ["高", "gao"], ["林", "lin"], ["何", "he"], ["郭", "guo"], ["马", "ma"], ["罗", "luo"], ["梁", "liang"],
  ["宋", "song"], ["郑", "zheng"], ["谢", "xie"], ["韩", "han"], ["唐", "tang"], ["冯", "feng"], ["于", "yu"],
  ["董", "dong"], ["程", "cheng"], ["曹", "cao"], ["袁", "yuan"], ["邓", "deng"], ["许", "xu"], ["沈", "shen"],
  ["曾", "zeng"], ["彭", "peng"], ["吕", "lv"], ["苏", "su"], ["卢", "lu"], ["蒋", "jiang"], ["蔡", "cai"],
  ["贾", "jia"], ["丁", "ding"], ["魏", "wei"], ["薛", "xue"], ["叶", "ye"], ["阎", "yan"], ["潘", "pan"],
  ["杜", "du"], ["武", "wu"], ["任", "ren"], ["范", "fan"], ["石", "shi"], ["姚", "yao"], ["郝", "hao"],
  ["白", "bai"], ["崔", "cui"], ["康", "kang"], ["秦", "qin"], ["乔", "qiao"], ["贺", "he"], ["温", "wen"],
  ["侯", "hou"], ["孟", "meng"], ["段", "duan"], ["常", "chang"], ["牛", "niu"], ["田", "tian"], ["申", "shen"],
];

/** Given names (one or two characters) with their pinyin. */
export const GIVEN_NAMES: readonly (readonly [string, string])[] = [
  ["建国", "jianguo"], ["志强", "zhiqiang"], ["海燕", "haiyan"], ["丽", "li"], ["伟", "wei"], ["静", "jing"],
  ["敏", "min"], ["磊", "lei"], ["洋", "yang"], ["艳", "yan"], ["勇", "yong"], ["军", "jun"], ["杰", "jie"],
  ["娟", "juan"], ["涛", "tao"], ["明", "ming"], ["超", "chao"], ["秀英", "xiuying"], ["霞", "xia"],
  ["平", "ping"], ["刚", "gang"], ["文博", "wenbo"], ["晓东", "xiaodong"], ["晓燕", "xiaoyan"], ["国华", "guohua"],
  ["建华", "jianhua"], ["建军", "jianjun"], ["红梅", "hongmei"], ["宇航", "yuhang"], ["子涵", "zihan"],
  ["浩然", "haoran"], ["思远", "siyuan"], ["雨桐", "yutong"], ["欣怡", "xinyi"], ["俊杰", "junjie"], ["晨", "chen"],
  ["鹏", "peng"], ["慧", "hui"], ["斌", "bin"], ["亮", "liang"], ["婷", "ting"], ["凯", "kai"], ["宁", "ning"],
  ["玉兰", "yulan"], ["志刚", "zhigang"], ["立新", "lixin"], ["卫东", "weidong"], ["振华", "zhenhua"],
  ["永强", "yongqiang"], ["海涛", "haitao"], ["春燕", "chunyan"], ["亚楠", "yanan"], ["佳琪", "jiaqi"],
  ["一鸣", "yiming"], ["嘉欣", "jiaxin"], ["泽宇", "zeyu"], ["梓萱", "zixuan"], ["晋生", "jinsheng"],
  ["文斌", "wenbin"], ["丽华", "lihua"], ["国强", "guoqiang"], ["晓明", "xiaoming"], ["瑞", "rui"], ["琳", "lin"],
  ["建平", "jianping"], ["爱民", "aimin"], ["少华", "shaohua"], ["雪梅", "xuemei"], ["宏伟", "hongwei"],
  ["志远", "zhiyuan"], ["书涵", "shuhan"], ["天佑", "tianyou"],
];

/** Titles of an investor's contact people. */
export const CONTACT_TITLES = [
  "董事长", "总经理", "副总经理", "投资总监", "投资经理", "战略发展部总监", "董事长助理",
  "项目经理", "财务总监", "基建部部长", "行政总监", "副总裁",
] as const;

/** Mobile prefixes of the three mainland operators (all match 1[3-9]x). */
export const MOBILE_PREFIXES = [
  "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155", "156",
  "157", "158", "159", "166", "173", "177", "180", "181", "182", "183", "186", "187", "188", "189", "191",
  "198", "199",
] as const;

/** Where investors come from: the prefix of their name and real administrative division codes (GB/T 2260). */
export type Division = { prefix: string; place: string; code: string };
export const DIVISIONS: readonly Division[] = [
  { prefix: "北京", place: "北京市海淀区", code: "110108" },
  { prefix: "北京", place: "北京市朝阳区", code: "110105" },
  { prefix: "北京", place: "北京市大兴区", code: "110115" },
  { prefix: "上海", place: "上海市浦东新区", code: "310115" },
  { prefix: "上海", place: "上海市闵行区", code: "310112" },
  { prefix: "上海", place: "上海市嘉定区", code: "310114" },
  { prefix: "深圳", place: "广东省深圳市", code: "440300" },
  { prefix: "深圳", place: "深圳市南山区", code: "440305" },
  { prefix: "广州", place: "广州市黄埔区", code: "440112" },
  { prefix: "苏州", place: "江苏省苏州市", code: "320500" },
  { prefix: "苏州", place: "苏州市吴中区", code: "320506" },
  { prefix: "无锡", place: "无锡市新吴区", code: "320214" },
  { prefix: "南京", place: "南京市江宁区", code: "320115" },
  { prefix: "杭州", place: "杭州市滨江区", code: "330108" },
  { prefix: "宁波", place: "宁波市鄞州区", code: "330212" },
  { prefix: "合肥", place: "合肥市蜀山区", code: "340104" },
  { prefix: "武汉", place: "武汉市洪山区", code: "420111" },
  { prefix: "成都", place: "成都市武侯区", code: "510107" },
  { prefix: "西安", place: "西安市雁塔区", code: "610113" },
  { prefix: "天津", place: "天津市滨海新区", code: "120116" },
  { prefix: "青岛", place: "青岛市崂山区", code: "370212" },
  { prefix: "长沙", place: "长沙市岳麓区", code: "430104" },
  { prefix: "郑州", place: "郑州市金水区", code: "410105" },
  { prefix: "太原", place: "山西省太原市", code: "140100" },
  { prefix: "太原", place: "太原市小店区", code: "140105" },
  { prefix: "山西", place: "太原市万柏林区", code: "140109" },
  { prefix: "山西", place: "山西省长治市", code: "140400" },
  { prefix: "山西", place: "山西省晋中市", code: "140700" },
  { prefix: "大同", place: "山西省大同市", code: "140200" },
];

/** Division codes of the zone itself, for the project companies registered there. */
export const ZONE_DIVISION_CODES = ["140105", "140106", "140109", "140121"] as const;
/** Name prefixes of project companies registered in the zone. */
export const ZONE_COMPANY_PREFIXES = ["山西", "太原", "晋中"] as const;

/** Two-character trade names (字号), invented, with pinyin for e-mail addresses. */
export const BRANDS: readonly (readonly [string, string])[] = [
  ["华恒", "huaheng"], ["瑞泰", "ruitai"], ["鼎盛", "dingsheng"], ["恒通", "hengtong"], ["宏远", "hongyuan"],
  ["金泰", "jintai"], ["博远", "boyuan"], ["华晟", "huasheng"], ["德润", "derun"], ["嘉禾", "jiahe"],
  ["凯迪", "kaidi"], ["联创", "lianchuang"], ["万象", "wanxiang"], ["华创", "huachuang"], ["新宇", "xinyu"],
  ["天成", "tiancheng"], ["泰和", "taihe"], ["祥瑞", "xiangrui"], ["永信", "yongxin"], ["益康", "yikang"],
  ["安泰", "antai"], ["晋阳", "jinyang"], ["汾河", "fenhe"], ["龙城", "longcheng"], ["太行", "taihang"],
  ["恒睿", "hengrui"], ["中晟", "zhongsheng"], ["华盛", "huasheng"], ["远航", "yuanhang"], ["立达", "lida"],
  ["锦程", "jincheng"], ["睿信", "ruixin"], ["同创", "tongchuang"], ["和信", "hexin"], ["科达", "keda"],
  ["众诚", "zhongcheng"], ["汇能", "huineng"], ["弘毅", "hongyi"], ["信和", "xinhe"], ["致远", "zhiyuan"],
  ["启明", "qiming"], ["恒泰", "hengtai"], ["鸿达", "hongda"], ["金鼎", "jinding"], ["中拓", "zhongtuo"],
  ["华瑞", "huarui"], ["东升", "dongsheng"], ["长青", "changqing"], ["永泰", "yongtai"], ["天润", "tianrun"],
  ["海纳", "haina"], ["瑞丰", "ruifeng"], ["华康", "huakang"], ["中恒", "zhongheng"], ["博源", "boyuan"],
  ["昊天", "haotian"], ["正阳", "zhengyang"], ["宏泰", "hongtai"], ["宝丰", "baofeng"], ["丰源", "fengyuan"],
  ["聚能", "juneng"], ["华宇", "huayu"], ["德馨", "dexin"], ["润禾", "runhe"], ["盈科", "yingke"],
  ["元丰", "yuanfeng"], ["鑫源", "xinyuan"], ["恒鑫", "hengxin"], ["泽众", "zezhong"], ["天泽", "tianze"],
  ["安达", "anda"], ["华达", "huada"], ["启航", "qihang"], ["瀚海", "hanhai"], ["星河", "xinghe"],
  ["明德", "mingde"], ["思源", "siyuan"], ["华章", "huazhang"], ["晟通", "shengtong"], ["广源", "guangyuan"],
  ["金诚", "jincheng"], ["耀华", "yaohua"], ["伟业", "weiye"], ["润泽", "runze"], ["新锐", "xinrui"],
  ["同和", "tonghe"], ["嘉盛", "jiasheng"], ["晶宇", "jingyu"], ["辰光", "chenguang"], ["北辰", "beichen"],
  ["智远", "zhiyuan"], ["聚源", "juyuan"], ["龙腾", "longteng"], ["天工", "tiangong"], ["精工", "jinggong"],
  ["中禾", "zhonghe"], ["诺德", "nuode"], ["百川", "baichuan"], ["开元", "kaiyuan"], ["九州", "jiuzhou"],
  ["亿通", "yitong"], ["联泰", "liantai"], ["翔宇", "xiangyu"], ["晋能", "jinneng"], ["三友", "sanyou"],
];

/** Legal-form suffixes of company names, with their weights. */
export const COMPANY_SUFFIXES: readonly (readonly [string, number])[] = [
  ["有限公司", 60],
  ["股份有限公司", 25],
  ["集团有限公司", 15],
];

/** A product template: `{n}` in name and content is replaced by one value from `n`. */
export type ProductTemplate = { name: string; content: string; n?: readonly number[] };

export type ClusterPool = {
  /** Industry words of investor names (…半导体有限公司). */
  industryWords: readonly string[];
  products: readonly ProductTemplate[];
  /** Land use varies a lot between industries: 亩 per 亿元 (10,000万元) of investment, low and high. */
  muPerYi: readonly [number, number];
};

export const CLUSTER_POOLS: Record<string, ClusterPool> = {
  xc: {
    industryWords: ["信息技术", "软件", "计算机", "信创科技", "电子信息"],
    muPerYi: [0, 15],
    products: [
      { name: "信创整机生产基地", content: "建设国产CPU服务器及台式机整机生产线{n}条，配套建设适配验证中心和备件仓库", n: [2, 4, 6, 8] },
      { name: "信创软件适配中心", content: "建设国产基础软件与行业应用适配测试中心，引进研发及测试人员{n}人", n: [80, 150, 300] },
      { name: "年产{n}万台国产化终端", content: "租赁标准化厂房建设国产化终端组装测试线，配套建设供应链配送中心", n: [10, 30, 50, 100] },
      { name: "信创产业园", content: "建设研发办公楼、中试车间及人才公寓，引进上下游配套企业{n}家", n: [10, 20, 30] },
      { name: "国产数据库研发中心", content: "建设国产分布式数据库研发中心及区域运维服务中心，服务省内政务和能源行业客户" },
      { name: "信息安全产品生产线", content: "建设密码设备、安全网关等信息安全产品生产线{n}条及检测实验室", n: [2, 3, 5] },
      { name: "信创云服务平台", content: "建设基于国产软硬件的云服务平台及运维中心，部署服务器机柜{n}个", n: [200, 500, 1000] },
      { name: "工业软件研发基地", content: "建设面向煤机、冶金行业的工业软件研发基地，开发MES、PLM等产品" },
    ],
  },
  bdt: {
    industryWords: ["半导体", "微电子", "集成电路", "芯片科技"],
    muPerYi: [3, 12],
    products: [
      { name: "{n}英寸功率半导体晶圆制造", content: "建设{n}英寸功率器件晶圆生产线及配套动力厂房，达产后月产晶圆约3万片", n: [8, 12] },
      { name: "碳化硅衬底及外延片", content: "建设6英寸碳化硅单晶生长、衬底加工及外延生产线，年产衬底{n}万片", n: [5, 10, 15, 20] },
      { name: "半导体封装测试基地", content: "建设先进封装测试生产线{n}条，主要产品为QFN、BGA及系统级封装", n: [4, 6, 8, 10] },
      { name: "电子特气及湿化学品", content: "建设高纯电子特种气体和湿电子化学品生产装置，年产{n}吨", n: [500, 1000, 3000, 5000] },
      { name: "半导体设备精密零部件", content: "建设半导体设备精密零部件机加工、表面处理及洁净清洗生产线" },
      { name: "年产{n}亿只功率器件", content: "建设IGBT、MOSFET功率器件封装生产线，配套建设可靠性实验室", n: [1, 2, 5, 10] },
      { name: "氮化镓外延及芯片", content: "建设氮化镓外延片及射频芯片生产线，年产外延片{n}万片", n: [3, 6, 10] },
      { name: "集成电路设计产业园", content: "建设集成电路设计企业孵化载体及EDA公共服务平台，引进设计企业{n}家", n: [10, 20, 30] },
    ],
  },
  dsj: {
    industryWords: ["数据", "大数据", "云计算", "数字科技"],
    muPerYi: [0, 10],
    products: [
      { name: "绿色数据中心", content: "建设绿色数据中心，部署标准机柜{n}个，配套建设储能和余热利用设施", n: [1000, 3000, 5000, 10000] },
      { name: "智能算力中心", content: "建设智能算力中心，部署AI服务器算力{n}P，面向省内企业提供算力服务", n: [100, 300, 500, 1000] },
      { name: "工业互联网平台", content: "建设面向能源和制造行业的工业互联网平台及区域运营中心" },
      { name: "数据标注基地", content: "建设数据标注与人工智能训练数据生产基地，吸纳就业{n}人", n: [300, 500, 1000] },
      { name: "智慧园区运营中心", content: "建设城市数字孪生和智慧园区运营中心，开发行业解决方案" },
      { name: "数字服务外包基地", content: "建设呼叫中心、数字内容审核等数字服务外包基地，设置坐席{n}个", n: [500, 1000, 2000] },
      { name: "数据要素流通平台", content: "建设数据交易与流通服务平台及数据安全实验室" },
      { name: "云计算研发中心", content: "建设云计算与边缘计算研发中心及区域交付中心" },
    ],
  },
  gd: {
    industryWords: ["光电科技", "光电", "激光", "光学"],
    muPerYi: [5, 20],
    products: [
      { name: "激光器生产基地", content: "建设光纤激光器、超快激光器生产线{n}条及应用实验室", n: [3, 5, 8] },
      { name: "Micro LED显示模组", content: "建设Micro LED芯片巨量转移及显示模组生产线，年产模组{n}万片", n: [50, 100, 200] },
      { name: "车载光学镜头及模组", content: "建设车载及安防光学镜头和摄像模组生产线，年产{n}万套", n: [500, 1000, 2000] },
      { name: "蓝宝石衬底材料", content: "建设蓝宝石晶体生长炉{n}台及衬底加工生产线", n: [100, 200, 300] },
      { name: "光通信器件", content: "建设光模块、光芯片封装测试生产线，年产光模块{n}万只", n: [100, 300, 500] },
      { name: "红外热成像器件", content: "建设非制冷红外探测器及热成像整机生产线" },
      { name: "LED封装及智能照明", content: "建设LED芯片封装及智能照明灯具生产线{n}条", n: [6, 10, 15] },
      { name: "光电子产业园", content: "建设光电子产业园，含洁净厂房{n}万平方米及公共检测平台", n: [5, 8, 10, 15] },
    ],
  },
  gf: {
    industryWords: ["光伏", "新能源", "太阳能", "硅业"],
    muPerYi: [5, 25],
    products: [
      { name: "光伏组件生产基地", content: "建设高效光伏组件生产线，年产组件{n}GW", n: [2, 5, 10, 20] },
      { name: "年产{n}GW高效电池片", content: "建设TOPCon高效电池片生产线及配套动力站、废水处理站", n: [5, 10, 16, 20] },
      { name: "单晶硅棒及切片", content: "建设单晶拉棒炉及金刚线切片生产线，年产硅片{n}GW", n: [10, 20, 30] },
      { name: "光伏压延玻璃", content: "建设光伏压延玻璃窑炉{n}座及深加工生产线", n: [1, 2, 4] },
      { name: "光伏支架及跟踪系统", content: "建设光伏支架及智能跟踪系统生产线，年产{n}GW配套能力", n: [3, 5, 10] },
      { name: "分布式光伏及储能电站", content: "利用园区企业屋顶建设分布式光伏电站{n}MW，配套建设储能设施", n: [20, 50, 100] },
      { name: "光伏逆变器生产线", content: "建设组串式及储能逆变器生产线，年产逆变器{n}万台", n: [10, 30, 50] },
      { name: "年产{n}万吨多晶硅", content: "建设工业硅冶炼及多晶硅提纯生产线，配套建设尾气回收装置", n: [5, 10, 20] },
    ],
  },
  tj: {
    industryWords: ["碳材料", "新材料", "碳素", "石墨"],
    muPerYi: [8, 30],
    products: [
      { name: "年产{n}万吨碳纤维", content: "建设碳纤维原丝、碳化生产线及复合材料制品车间", n: [1, 2, 5, 10] },
      { name: "超高功率石墨电极", content: "建设超高功率石墨电极生产线，年产{n}万吨", n: [3, 5, 10] },
      { name: "锂电负极材料", content: "建设人造石墨负极材料石墨化及成品加工生产线，年产{n}万吨", n: [5, 10, 20] },
      { name: "煤系针状焦", content: "建设煤系针状焦生产装置，年产{n}万吨", n: [10, 20, 30] },
      { name: "石墨烯材料及应用", content: "建设石墨烯粉体、导电浆料及散热膜生产线" },
      { name: "碳化硅陶瓷部件", content: "建设碳化硅陶瓷及耐磨部件生产线，年产{n}吨", n: [2000, 5000] },
      { name: "煤基特种炭材料", content: "建设煤基活性炭及特种碳材料生产线，年产{n}万吨", n: [2, 5, 8] },
      { name: "碳基复合材料制品", content: "建设碳/碳复合材料热场部件及碳陶刹车盘生产线" },
    ],
  },
  tzjs: {
    industryWords: ["特钢", "金属材料", "镁业", "合金材料"],
    muPerYi: [8, 30],
    products: [
      { name: "高端镁合金深加工", content: "建设镁合金压铸件及型材深加工生产线，年产{n}万吨", n: [3, 5, 10] },
      { name: "不锈钢精密带材", content: "建设不锈钢精密冷轧带材生产线，年产{n}万吨", n: [5, 10, 20] },
      { name: "钛合金材料及制品", content: "建设钛合金熔炼、锻造及精密加工生产线，年产{n}吨", n: [3000, 5000, 10000] },
      { name: "高性能铝合金板带箔", content: "建设高性能铝合金板带箔生产线，年产{n}万吨", n: [10, 20, 30] },
      { name: "稀土永磁材料", content: "建设钕铁硼永磁材料生产线，年产{n}吨", n: [3000, 5000, 10000] },
      { name: "高温合金精密铸件", content: "建设航空发动机及燃机用高温合金精密铸件生产线" },
      { name: "金属粉末及增材制造", content: "建设金属增材制造粉末生产线及打印服务中心，年产粉末{n}吨", n: [500, 1000, 2000] },
      { name: "特种焊接材料", content: "建设特种焊丝、焊带生产线，年产{n}万吨", n: [2, 3, 5] },
    ],
  },
  swj: {
    industryWords: ["生物材料", "生物科技", "化工新材料", "生物基材料"],
    muPerYi: [8, 25],
    products: [
      { name: "年产{n}万吨生物基聚酰胺", content: "建设生物基戊二胺及聚酰胺聚合生产装置", n: [5, 10, 30] },
      { name: "聚乳酸新材料", content: "建设聚乳酸聚合及改性生产线，年产{n}万吨", n: [5, 10, 20] },
      { name: "生物可降解制品", content: "建设可降解膜袋、餐具生产线{n}条", n: [10, 20, 30] },
      { name: "秸秆综合利用", content: "建设秸秆纤维素提取及生物基材料生产线，年处理秸秆{n}万吨", n: [10, 20, 50] },
      { name: "生物基纤维", content: "建设生物基纤维纺丝及面料生产线，年产{n}万吨", n: [2, 5, 10] },
      { name: "合成生物中试基地", content: "建设合成生物学中试平台及发酵车间，发酵罐总容积{n}立方米", n: [500, 1000, 3000] },
      { name: "生物基化学品", content: "建设丁二酸、1,3-丙二醇等生物基化学品生产装置" },
      { name: "生物基涂料及助剂", content: "建设水性生物基涂料及助剂生产线，年产{n}万吨", n: [3, 5, 10] },
    ],
  },
  gdjt: {
    industryWords: ["轨道交通", "轨道装备", "机车车辆", "交通装备"],
    muPerYi: [8, 25],
    products: [
      { name: "轨道交通车辆维保基地", content: "建设城轨及动车组检修维保基地，年检修车辆{n}辆", n: [200, 500, 800] },
      { name: "铁路货车制造", content: "建设铁路货车及零部件制造生产线，年产货车{n}辆", n: [1000, 2000, 3000] },
      { name: "轨道交通牵引系统", content: "建设牵引变流器、辅助电源系统生产线及试验台" },
      { name: "动车组车轮车轴", content: "建设高速动车组车轮、车轴锻造及加工生产线，年产{n}万件", n: [5, 10, 20] },
      { name: "轨道交通信号设备", content: "建设列控及信号设备生产和系统集成基地" },
      { name: "重载铁路关键零部件", content: "建设重载铁路车钩、缓冲器及转向架部件生产线" },
      { name: "轨道交通装备配套产业园", content: "建设轨道交通装备配套产业园，标准化厂房{n}万平方米", n: [5, 10, 20] },
      { name: "轨道智能运维装备", content: "建设轨道交通智能巡检机器人及检测装备生产线" },
    ],
  },
  mj: {
    industryWords: ["智能装备", "重工", "矿山机械", "煤机装备"],
    muPerYi: [8, 25],
    products: [
      { name: "智能综采成套装备", content: "建设智能化综采工作面成套装备生产线，年产{n}套", n: [20, 50, 100] },
      { name: "矿用机器人", content: "建设巡检、掘进等矿用机器人研发及生产基地，年产{n}台", n: [300, 500, 1000] },
      { name: "液压支架再制造", content: "建设液压支架及液压元件再制造生产线，年再制造{n}架", n: [2000, 5000] },
      { name: "矿用防爆电气设备", content: "建设矿用防爆电气设备及变频器生产线" },
      { name: "掘锚一体机", content: "建设掘锚一体机及快速掘进系统生产线，年产{n}台", n: [50, 100, 200] },
      { name: "智能矿山系统集成", content: "建设智能矿山软件平台及系统集成服务中心" },
      { name: "刮板输送机", content: "建设刮板输送机、转载机生产线，年产{n}台套", n: [300, 500, 800] },
      { name: "矿用新能源车辆", content: "建设矿用防爆新能源车辆生产线，年产{n}辆", n: [500, 1000, 2000] },
    ],
  },
  xny: {
    industryWords: ["新能源汽车", "汽车", "动力电池", "汽车零部件"],
    muPerYi: [5, 20],
    products: [
      { name: "新能源汽车整车", content: "建设冲压、焊装、涂装、总装四大工艺整车生产线，年产整车{n}万辆", n: [5, 10, 20] },
      { name: "年产{n}GWh动力电池", content: "建设动力电池电芯及PACK生产线，配套建设检测中心", n: [5, 10, 20, 30] },
      { name: "新能源重卡", content: "建设新能源重卡及换电站设备生产线，年产重卡{n}辆", n: [3000, 5000, 10000] },
      { name: "三合一电驱动系统", content: "建设驱动电机、电控及减速器三合一电驱系统生产线，年产{n}万套", n: [10, 30, 50] },
      { name: "汽车轻量化零部件", content: "建设一体化压铸车身结构件生产线，年产{n}万件", n: [50, 100, 200] },
      { name: "智能网联汽车测试场", content: "建设智能网联汽车封闭测试场及车路协同示范道路" },
      { name: "充换电设备", content: "建设充电桩及换电站设备生产线，年产充电桩{n}万台", n: [5, 10, 20] },
      { name: "氢燃料电池系统", content: "建设氢燃料电池电堆及系统集成生产线，年产{n}套", n: [1000, 3000, 5000] },
    ],
  },
  hk: {
    industryWords: ["航空", "通航", "航空科技", "无人机"],
    muPerYi: [5, 25],
    products: [
      { name: "通航维修及托管基地", content: "建设通用机场配套的飞机维修、托管及航材仓储设施" },
      { name: "工业级无人机制造", content: "建设工业级无人机研发生产基地，年产无人机{n}架", n: [1000, 2000, 5000] },
      { name: "航空结构件精密制造", content: "建设航空结构件数控加工及表面处理生产线" },
      { name: "飞行培训基地", content: "建设飞行员培训基地，配置教练机{n}架", n: [10, 20, 30] },
      { name: "eVTOL总装及试飞基地", content: "建设电动垂直起降飞行器总装车间及试飞场" },
      { name: "航空复合材料构件", content: "建设航空复合材料构件生产线，年产{n}件", n: [5000, 10000, 20000] },
      { name: "低空物流运营中心", content: "建设低空物流无人机运营中心及起降点{n}个", n: [20, 50, 100] },
      { name: "航空发动机维修", content: "建设航空发动机及部附件维修车间和试车台" },
    ],
  },
  yy: {
    industryWords: ["生物医药", "医药", "制药", "医疗器械", "健康产业"],
    muPerYi: [5, 20],
    products: [
      { name: "生物医药产业园", content: "建设GMP标准厂房及研发中试平台，引进生物医药企业{n}家", n: [10, 20, 30] },
      { name: "原料药及制剂", content: "建设原料药合成车间及口服固体制剂生产线，年产片剂{n}亿片", n: [5, 10, 20] },
      { name: "体外诊断试剂及耗材", content: "建设体外诊断试剂及医用耗材生产线" },
      { name: "中药配方颗粒", content: "建设中药饮片及配方颗粒生产线，年处理药材{n}吨", n: [3000, 5000, 10000] },
      { name: "疫苗生产基地", content: "建设疫苗原液及制剂生产线，年产疫苗{n}万剂", n: [1000, 3000, 5000] },
      { name: "康养综合体", content: "建设康复医院、养老公寓及健康管理中心，床位{n}张", n: [300, 500, 800] },
      { name: "医用敷料及防护用品", content: "建设医用敷料、防护服生产线{n}条", n: [10, 20] },
      { name: "细胞治疗研发中心", content: "建设细胞制备GMP车间及临床研究中心" },
    ],
  },
  hb: {
    industryWords: ["环保", "环境科技", "节能", "资源再生"],
    muPerYi: [8, 30],
    products: [
      { name: "工业固废资源化利用", content: "建设工业固废综合利用生产线，年处理固废{n}万吨", n: [30, 50, 100] },
      { name: "危险废物处置中心", content: "建设危险废物焚烧及物化处理设施，年处置{n}万吨", n: [3, 5, 10] },
      { name: "废旧动力电池回收", content: "建设废旧动力电池拆解及湿法回收生产线，年处理{n}万吨", n: [2, 5, 10] },
      { name: "高效节能装备制造", content: "建设高效换热器、余热锅炉等节能装备生产线" },
      { name: "水处理成套设备", content: "建设污水处理成套设备及膜组件生产线，年产{n}台套", n: [500, 1000, 2000] },
      { name: "粉煤灰综合利用", content: "建设粉煤灰提取氧化铝及新型建材生产线，年处理粉煤灰{n}万吨", n: [50, 100] },
      { name: "生活垃圾焚烧发电", content: "建设日处理生活垃圾{n}吨的焚烧发电厂", n: [600, 1000, 1500] },
      { name: "煤矸石新型建材", content: "建设煤矸石烧结砖及陶粒生产线，年消纳煤矸石{n}万吨", n: [50, 100, 200] },
    ],
  },
};

/** How busy each company is (relative number of projects): a long tail. */
export const COMPANY_WEIGHTS: Record<string, number> = {
  gf: 10, xny: 9, bdt: 8, tj: 6, yy: 6, mj: 5, tzjs: 4, gd: 4, xc: 3.5, hb: 3, dsj: 2.5, gdjt: 2, swj: 1.5, hk: 1,
  zh: 3, zw: 2.5, kjjr: 0.8, kfjs: 0.6,
};

export const ON_HOLD_NOTES = [
  "投资方资金安排调整，项目暂缓推进，待明年预算确定后再议",
  "拟选地块控规修编中，待规划调整完成后继续推进",
  "投资方母公司战略调整，项目推进节奏放缓",
  "环评前置条件尚未落实，暂缓推进",
  "受行业产能周期影响，投资方暂缓新增产能投资",
  "能耗指标暂未落实，待省级统筹后推进",
] as const;

export const LOST_NOTES: Record<LostReason, readonly string[]> = {
  other_location: ["投资方最终选择在{region}落地，对方给出的土地和电价条件更优", "项目已落户外省园区，我区后续保持联系"],
  investor_withdrew: ["投资方取消本次投资计划", "投资方经营出现困难，撤回投资意向"],
  policy_not_met: ["投资方要求的设备补贴和电价优惠超出我区政策范围", "项目亩均税收达不到园区准入标准"],
  failed_review: ["会商评审未通过：投资强度和亩均产出未达到园区准入要求", "会商评审未通过：项目能耗强度偏高"],
  other: ["项目主体股权变更，原洽谈终止", "投资方技术路线调整，项目不再推进"],
};

/** Placeholders: {investor} {contact} {title} {product} {cluster} {city}. */
export const FIRST_CONTACT_SUMMARIES: Partial<Record<ActivityKindName, readonly string[]>> = {
  call: [
    "首次电话联系{investor}{contact}{title}，介绍开发区{cluster}产业基础，对方对{product}项目在我区落地表示兴趣",
    "经商会推荐与{contact}{title}电话沟通，初步了解{product}项目的投资规模和选址要求",
  ],
  visit: [
    "赴{city}拜访{investor}，与{contact}{title}座谈，初步了解{product}项目的投资规模和选址要求",
    "在{city}拜访{investor}，向{contact}{title}推介开发区{cluster}产业链和招商政策",
  ],
  site_visit: [
    "{investor}{contact}{title}一行首次来区考察，参观{cluster}产业园区和已落地企业，初步沟通{product}项目",
  ],
};

export const FOLLOW_UP_SUMMARIES: Partial<Record<ActivityKindName, readonly string[]>> = {
  call: [
    "电话跟进{contact}{title}，对方反馈项目已提交董事会讨论",
    "与{contact}{title}电话沟通项目可研报告编制进度",
    "与{contact}电话沟通用地指标和规划条件",
    "电话回复投资方关于电价和用水价格的询问",
    "电话沟通项目环评和能评的办理路径",
  ],
  visit: [
    "赴{city}回访{investor}，与{contact}{title}沟通项目推进时间表",
    "拜访{investor}总部，介绍我区最新产业扶持政策",
    "赴{city}与{investor}技术团队交流{product}项目工艺方案",
  ],
  site_visit: [
    "{investor}{contact}{title}一行来区实地查看拟选地块，现场踏勘水、电、气、路配套",
    "陪同投资方技术团队考察园区标准化厂房及周边配套",
    "{investor}高管团队来区考察，参观同类已投产企业",
  ],
  other: [
    "整理{product}项目基本情况表，报送管委会",
    "协调自然资源局出具拟选地块规划条件",
    "组织发改、生态环境部门对项目进行预评估",
  ],
};

export const AFTER_SIGNING_SUMMARIES: Partial<Record<ActivityKindName, readonly string[]>> = {
  call: ["电话了解项目设备采购和到货情况", "与{contact}电话沟通项目用工需求和招聘计划"],
  visit: ["到项目现场检查施工进度，了解企业用工需求", "走访项目公司，了解设备安装调试进展"],
  other: [
    "协助项目办理立项备案手续",
    "对接供电公司，落实项目施工临时用电",
    "协调开发建设平台公司推进厂房代建",
    "协助项目申报省级专项资金",
    "跟进项目施工许可证办理进度",
    "组织召开项目推进协调会，解决场地平整问题",
  ],
};

export const NEGOTIATION_FOCUS = [
  "重点讨论用地规模和供地方式",
  "双方就电价和设备补贴政策交换意见",
  "对投资协议主要条款逐条沟通",
  "讨论厂房代建和租金减免方案",
  "沟通产业基金参与投资的可行性",
] as const;

export const REVIEW_OUTCOME_LABELS: Record<ReviewOutcomeName, string> = {
  approved: "同意签约",
  rejected: "不予通过",
  another_round: "补充材料后再次会商",
};

/** Terms of a negotiation round; `{n}` is filled in by the seed. */
export const NEGOTIATION_TERMS: readonly { topic: string; detail: string; n?: readonly number[] }[] = [
  { topic: "土地", detail: "约{n}亩，工业用地挂牌出让" },
  { topic: "电价", detail: "执行大工业电价，争取参与电力市场化交易" },
  { topic: "设备补贴", detail: "按设备投资额的{n}%给予补贴，分三年兑现", n: [5, 8, 10] },
  { topic: "厂房", detail: "由开发建设平台公司代建标准化厂房约{n}万平方米", n: [1, 2, 3, 5] },
  { topic: "基金", detail: "科创金融平台公司所属产业基金跟投{n}万元", n: [2000, 5000, 10000] },
  { topic: "税收奖励", detail: "地方留成部分前三年全额奖励，后两年减半" },
  { topic: "人才", detail: "提供人才公寓{n}套，高层次人才享受安家补贴", n: [20, 50, 100] },
  { topic: "环评", detail: "环评由管委会协调帮办，同步开展能评" },
];

export const NEXT_ACTIONS_BEFORE_SIGNING = [
  "安排投资方来区实地考察",
  "报送项目基本情况表",
  "准备项目会商评审材料",
  "起草投资协议文本",
  "协调自然资源局出具规划条件",
  "回复投资方关于电价政策的询问",
  "跟进投资方董事会决策结果",
  "提供拟选地块资料和园区政策汇编",
] as const;

export const NEXT_ACTIONS_AFTER_SIGNING = [
  "协助办理工商注册登记",
  "跟进施工许可证办理",
  "协调供电公司接入方案",
  "落实厂房交付时间",
  "协助申报技改专项资金",
  "跟进设备进场安装进度",
] as const;
