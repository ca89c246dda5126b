CREATE TABLE "chain_links" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "chain_links_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"zone_id" integer NOT NULL,
	"chain_id" integer NOT NULL,
	"parent_id" integer,
	"segment" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"products" text[] DEFAULT '{}'::text[] NOT NULL,
	CONSTRAINT "chain_links_segment_ck" CHECK ("chain_links"."segment" in ('upstream', 'midstream', 'downstream'))
);
--> statement-breakpoint
CREATE TABLE "industry_chains" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "industry_chains_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"zone_id" integer NOT NULL,
	"cluster_id" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by_id" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_chain_links" (
	"project_id" integer NOT NULL,
	"link_id" integer NOT NULL,
	"zone_id" integer NOT NULL,
	CONSTRAINT "project_chain_links_project_id_link_id_pk" PRIMARY KEY("project_id","link_id")
);
--> statement-breakpoint
ALTER TABLE "chain_links" ADD CONSTRAINT "chain_links_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_links" ADD CONSTRAINT "chain_links_chain_id_industry_chains_id_fk" FOREIGN KEY ("chain_id") REFERENCES "public"."industry_chains"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_links" ADD CONSTRAINT "chain_links_parent_id_chain_links_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."chain_links"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "industry_chains" ADD CONSTRAINT "industry_chains_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "industry_chains" ADD CONSTRAINT "industry_chains_cluster_id_clusters_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."clusters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "industry_chains" ADD CONSTRAINT "industry_chains_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_chain_links" ADD CONSTRAINT "project_chain_links_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_chain_links" ADD CONSTRAINT "project_chain_links_link_id_chain_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."chain_links"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_chain_links" ADD CONSTRAINT "project_chain_links_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "chain_links_chain_idx" ON "chain_links" USING btree ("chain_id","sort_order");--> statement-breakpoint
CREATE INDEX "chain_links_parent_idx" ON "chain_links" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "chain_links_zone_idx" ON "chain_links" USING btree ("zone_id");--> statement-breakpoint
CREATE UNIQUE INDEX "industry_chains_cluster_uq" ON "industry_chains" USING btree ("cluster_id");--> statement-breakpoint
CREATE INDEX "industry_chains_zone_idx" ON "industry_chains" USING btree ("zone_id");--> statement-breakpoint
CREATE INDEX "project_chain_links_link_idx" ON "project_chain_links" USING btree ("link_id");--> statement-breakpoint
CREATE INDEX "project_chain_links_zone_idx" ON "project_chain_links" USING btree ("zone_id");--> statement-breakpoint
-- Fill every zone's reference clusters with their default chain (db/seed/chains.ts at the time of writing).
INSERT INTO "industry_chains" ("zone_id", "cluster_id") SELECT c."zone_id", c."id" FROM "clusters" c WHERE c."name" IN ('信息技术应用创新', '半导体', '大数据融合创新', '光电', '光伏', '碳基新材料', '特种金属材料', '生物基新材料', '先进轨道交通装备', '煤机智能制造装备', '智能网联新能源汽车', '通用航空', '现代生物医药和大健康', '节能环保');
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'upstream', 1, '基础硬件', '国产CPU、存储与服务器整机', ARRAY['CPU', '服务器', '存储', '内存']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '信息技术应用创新';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'upstream', 2, '基础软件', '操作系统、数据库与中间件', ARRAY['操作系统', '数据库', '中间件']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '信息技术应用创新';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'midstream', 3, '应用软件', '办公、ERP与行业应用软件', ARRAY['办公软件', 'ERP', '行业软件']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '信息技术应用创新';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'midstream', 4, '信息安全', '密码、防火墙与安全服务', ARRAY['密码', '防火墙', '安全']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '信息技术应用创新';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'downstream', 5, '系统集成与服务', '党政与行业信创替代、运维服务', ARRAY['系统集成', '运维', '信创替代']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '信息技术应用创新';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'upstream', 1, '超纯材料', '电子级多晶硅、高纯气体与湿化学品', ARRAY['多晶硅', '高纯气体', '湿化学品', '光刻胶', '靶材']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '半导体';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "parent_id", "segment", "sort_order", "name", "description", "products") SELECT p."zone_id", p."chain_id", p."id", p."segment", 1, '电子特气', '刻蚀、沉积用高纯特种气体', ARRAY['电子特气', '三氟化氮', '高纯氨']::text[] FROM "chain_links" p JOIN "industry_chains" ic ON ic."id" = p."chain_id" JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '半导体' AND p."parent_id" IS NULL AND p."name" = '超纯材料';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "parent_id", "segment", "sort_order", "name", "description", "products") SELECT p."zone_id", p."chain_id", p."id", p."segment", 2, '湿电子化学品', '清洗、刻蚀用超净高纯试剂', ARRAY['湿化学品', '高纯硫酸', '高纯双氧水']::text[] FROM "chain_links" p JOIN "industry_chains" ic ON ic."id" = p."chain_id" JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '半导体' AND p."parent_id" IS NULL AND p."name" = '超纯材料';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'upstream', 2, '晶圆衬底', '单晶生长、切磨抛与外延片', ARRAY['单晶硅', '碳化硅', '衬底', '外延片', '晶圆']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '半导体';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'midstream', 3, '芯片设计', '集成电路与功率器件设计', ARRAY['芯片设计', 'IC设计', 'EDA']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '半导体';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'midstream', 4, '芯片制造', '晶圆制造、功率半导体与化合物半导体制造', ARRAY['芯片制造', '晶圆代工', '功率器件', 'IGBT', 'MOSFET']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '半导体';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'midstream', 5, '封装测试', '先进封装、测试与模组', ARRAY['封装', '测试', '封测', '模组']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '半导体';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'downstream', 6, '整机应用', '新能源汽车、光伏逆变器、消费电子等整机', ARRAY['整机', '逆变器', '电控', '消费电子']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '半导体';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'upstream', 1, '数据中心', '算力基础设施与机房', ARRAY['数据中心', '算力', '服务器', '机房']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '大数据融合创新';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'midstream', 2, '数据采集与治理', '数据采集、清洗、标注与交易', ARRAY['数据采集', '数据标注', '数据治理', '数据交易']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '大数据融合创新';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'midstream', 3, '云计算与平台', '云服务、大数据平台与人工智能平台', ARRAY['云计算', '大数据平台', '人工智能', '大模型']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '大数据融合创新';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'downstream', 4, '行业应用', '政务、工业、能源等行业数据应用', ARRAY['智慧城市', '工业互联网', '政务', '能源大数据']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '大数据融合创新';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'upstream', 1, '光电材料', '光学晶体、蓝宝石与化合物半导体材料', ARRAY['蓝宝石', '光学晶体', '砷化镓', '磷化铟']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '光电';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'midstream', 2, '光电芯片与器件', 'LED芯片、激光器与光通信器件', ARRAY['LED', '激光器', '光模块', '探测器']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '光电';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'midstream', 3, '封装与模组', 'LED封装、显示模组与光学镜头', ARRAY['封装', '显示模组', '镜头']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '光电';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'downstream', 4, '终端应用', '照明、显示、激光加工与光通信设备', ARRAY['照明', '显示屏', '激光设备', '光通信']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '光电';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'upstream', 1, '多晶硅', '工业硅提纯为太阳能级多晶硅', ARRAY['多晶硅', '工业硅', '颗粒硅']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '光伏';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'upstream', 2, '硅片', '拉晶与切片', ARRAY['硅片', '单晶硅棒', '切片']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '光伏';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'midstream', 3, '电池片', 'PERC、TOPCon、HJT等电池片', ARRAY['电池片', 'TOPCon', 'HJT', 'PERC']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '光伏';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'midstream', 4, '组件', '光伏组件与封装辅材', ARRAY['组件', '光伏玻璃', '胶膜', '边框', '背板']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '光伏';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'downstream', 5, '电站与储能', '光伏电站建设运营、逆变器与储能', ARRAY['电站', '逆变器', '储能', '支架']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '光伏';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'upstream', 1, '煤焦原料', '煤焦油、沥青与针状焦原料', ARRAY['煤焦油', '沥青', '针状焦']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '碳基新材料';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'midstream', 2, '碳纤维', '原丝、碳化与碳纤维复合材料', ARRAY['碳纤维', '原丝', '复合材料']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '碳基新材料';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'midstream', 3, '石墨与石墨烯', '人造石墨、负极材料与石墨烯', ARRAY['石墨', '负极材料', '石墨烯', '等静压石墨']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '碳基新材料';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'downstream', 4, '碳材料应用', '锂电、航空航天、体育器材等应用', ARRAY['锂电', '碳碳复合', '体育器材']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '碳基新材料';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'upstream', 1, '矿产与冶炼', '镁、铝、钛等金属冶炼', ARRAY['镁', '铝', '钛', '冶炼']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '特种金属材料';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'midstream', 2, '合金与加工', '特种钢、镁合金、铝合金及加工材', ARRAY['特种钢', '镁合金', '铝合金', '钛合金', '不锈钢']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '特种金属材料';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'midstream', 3, '精深加工', '压铸、锻造与精密零部件', ARRAY['压铸', '锻件', '精密零件', '型材']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '特种金属材料';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'downstream', 4, '终端应用', '汽车轻量化、轨道交通、航空航天', ARRAY['轻量化', '轨道交通', '航空零部件']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '特种金属材料';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'upstream', 1, '菌种', '合成生物学菌种构建与筛选', ARRAY['菌种', '基因编辑', '合成生物']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '生物基新材料';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'upstream', 2, '生物发酵', '以玉米等为原料发酵制备单体', ARRAY['发酵', '戊二胺', '长链二元酸', '乳酸']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '生物基新材料';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'midstream', 3, '生物基聚酰胺', '生物基尼龙等聚合材料', ARRAY['聚酰胺', '尼龙', 'PA56', 'PLA', '聚合']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '生物基新材料';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'midstream', 4, '改性与纺丝', '改性塑料、纤维纺丝', ARRAY['改性', '纺丝', '纤维']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '生物基新材料';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'downstream', 5, '纺织与制品应用', '纺织服装、汽车部件与工程塑料制品', ARRAY['纺织', '服装', '工程塑料', '地毯']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '生物基新材料';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'upstream', 1, '关键材料与零部件', '车体材料、轴承、制动与牵引部件', ARRAY['轴承', '制动', '牵引', '车轮', '车轴']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '先进轨道交通装备';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'midstream', 2, '核心系统', '牵引传动、网络控制与信号系统', ARRAY['牵引系统', '信号系统', '控制系统']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '先进轨道交通装备';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'midstream', 3, '整车制造', '机车、动车组、城轨车辆与货车', ARRAY['机车', '动车组', '城轨', '货车']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '先进轨道交通装备';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'downstream', 4, '运维服务', '检修、运维与后市场服务', ARRAY['检修', '运维', '后市场']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '先进轨道交通装备';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'upstream', 1, '基础件', '液压件、齿轮、链条与电机', ARRAY['液压', '齿轮', '链条', '电机']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '煤机智能制造装备';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'midstream', 2, '智能控制', '传感器、电液控制与矿用通信', ARRAY['传感器', '电液控制', '矿用通信', '5G']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '煤机智能制造装备';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'midstream', 3, '整机装备', '采煤机、掘进机、液压支架与刮板输送机', ARRAY['采煤机', '掘进机', '液压支架', '输送机']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '煤机智能制造装备';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'downstream', 4, '智能矿山服务', '智能化工作面集成与运维', ARRAY['智能矿山', '集成', '运维', '机器人']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '煤机智能制造装备';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'upstream', 1, '动力电池', '正负极材料、电芯与电池包', ARRAY['电池', '电芯', '正极', '负极', '电解液']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '智能网联新能源汽车';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'upstream', 2, '电驱与电控', '电机、电控与功率模块', ARRAY['电机', '电控', '电驱']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '智能网联新能源汽车';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'midstream', 3, '智能网联部件', '激光雷达、域控制器与车载软件', ARRAY['雷达', '域控制器', '车载', '自动驾驶']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '智能网联新能源汽车';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'midstream', 4, '整车制造', '乘用车、商用车与重卡整车', ARRAY['整车', '重卡', '乘用车', '商用车']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '智能网联新能源汽车';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'downstream', 5, '充换电与后市场', '充电桩、换电站与运营服务', ARRAY['充电', '换电', '运营']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '智能网联新能源汽车';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'upstream', 1, '航材与零部件', '复合材料、航电与发动机部件', ARRAY['航材', '航电', '发动机']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '通用航空';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'midstream', 2, '整机制造', '通用飞机、直升机与无人机', ARRAY['飞机', '直升机', '无人机', 'eVTOL']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '通用航空';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'downstream', 3, '运营与服务', '通航运营、飞行培训与维修', ARRAY['通航运营', '培训', '维修', '低空']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '通用航空';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'upstream', 1, '原料药与中间体', '化学原料药、中药材与生物原料', ARRAY['原料药', '中间体', '中药材']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '现代生物医药和大健康';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'midstream', 2, '药品研发与制造', '化学药、中成药与生物药', ARRAY['制剂', '中成药', '生物药', '疫苗']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '现代生物医药和大健康';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'midstream', 3, '医疗器械', '诊断试剂、医疗设备与耗材', ARRAY['医疗器械', '试剂', '耗材', '设备']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '现代生物医药和大健康';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'downstream', 4, '健康服务', '医疗、康养与医药流通', ARRAY['康养', '医药流通', '健康管理']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '现代生物医药和大健康';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'upstream', 1, '环保材料与设备', '膜材料、催化剂与环保专用设备', ARRAY['膜', '催化剂', '除尘', '脱硫']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '节能环保';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'midstream', 2, '节能装备', '高效电机、余热利用与节能改造', ARRAY['节能', '余热', '高效电机']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '节能环保';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'midstream', 3, '资源循环利用', '固废、煤矸石与粉煤灰综合利用', ARRAY['固废', '再生', '粉煤灰', '煤矸石']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '节能环保';
--> statement-breakpoint
INSERT INTO "chain_links" ("zone_id", "chain_id", "segment", "sort_order", "name", "description", "products") SELECT ic."zone_id", ic."id", 'downstream', 4, '环境服务', '环境治理、监测与合同能源管理', ARRAY['环境治理', '监测', '合同能源管理']::text[] FROM "industry_chains" ic JOIN "clusters" c ON c."id" = ic."cluster_id" WHERE c."name" = '节能环保';
