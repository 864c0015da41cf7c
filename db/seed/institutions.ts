import { eq } from "drizzle-orm";
import { institutions } from "../schema";
import type { Tx } from "../client";

export interface InstitutionDef {
  code: string;
  nameZh: string;
  nameEn: string;
  regionCode: string;
  /** Short place word used in customer names of this institution ("海淀", "佛山"). */
  placeZh: string;
  children?: InstitutionDef[];
}

export const INSTITUTION_TREE: InstitutionDef = {
  code: "HO",
  nameZh: "总行",
  nameEn: "Head Office",
  regionCode: "110102",
  placeZh: "北京",
  children: [
    {
      code: "BJ",
      nameZh: "北京分行",
      nameEn: "Beijing Branch",
      regionCode: "110000",
      placeZh: "北京",
      children: [
        { code: "BJ01", nameZh: "北京海淀支行", nameEn: "Beijing Haidian Sub-branch", regionCode: "110108", placeZh: "北京" },
        { code: "BJ02", nameZh: "北京朝阳支行", nameEn: "Beijing Chaoyang Sub-branch", regionCode: "110105", placeZh: "北京" },
      ],
    },
    {
      code: "SH",
      nameZh: "上海分行",
      nameEn: "Shanghai Branch",
      regionCode: "310000",
      placeZh: "上海",
      children: [
        { code: "SH01", nameZh: "上海浦东支行", nameEn: "Shanghai Pudong Sub-branch", regionCode: "310115", placeZh: "上海" },
        { code: "SH02", nameZh: "上海徐汇支行", nameEn: "Shanghai Xuhui Sub-branch", regionCode: "310104", placeZh: "上海" },
      ],
    },
    {
      code: "GD",
      nameZh: "广东分行",
      nameEn: "Guangdong Branch",
      regionCode: "440100",
      placeZh: "广州",
      children: [
        { code: "GD01", nameZh: "佛山支行", nameEn: "Foshan Sub-branch", regionCode: "440600", placeZh: "佛山" },
        { code: "GD02", nameZh: "东莞支行", nameEn: "Dongguan Sub-branch", regionCode: "441900", placeZh: "东莞" },
      ],
    },
    {
      code: "SC",
      nameZh: "四川分行",
      nameEn: "Sichuan Branch",
      regionCode: "510100",
      placeZh: "成都",
      children: [
        { code: "SC01", nameZh: "绵阳支行", nameEn: "Mianyang Sub-branch", regionCode: "510700", placeZh: "绵阳" },
        { code: "SC02", nameZh: "德阳支行", nameEn: "Deyang Sub-branch", regionCode: "510600", placeZh: "德阳" },
      ],
    },
  ],
};

export interface SeededInstitution {
  id: number;
  code: string;
  nameZh: string;
  level: number;
  path: string;
  regionCode: string;
  placeZh: string;
  parentCode: string | null;
}

/** Inserts the tree parents first (ids come back from the insert, the path needs them). */
export async function seedInstitutions(tx: Tx): Promise<Map<string, SeededInstitution>> {
  const out = new Map<string, SeededInstitution>();
  const visit = async (def: InstitutionDef, parent: SeededInstitution | null): Promise<void> => {
    const level = parent ? parent.level + 1 : 0;
    const [row] = await tx
      .insert(institutions)
      .values({
        code: def.code,
        nameZh: def.nameZh,
        nameEn: def.nameEn,
        parentId: parent?.id ?? null,
        level,
        path: "/", // replaced below once the id is known
        regionCode: def.regionCode,
      })
      .returning({ id: institutions.id });
    const path = `${parent?.path ?? "/"}${row.id}/`;
    await tx.update(institutions).set({ path }).where(eq(institutions.id, row.id));
    const seeded: SeededInstitution = {
      id: row.id,
      code: def.code,
      nameZh: def.nameZh,
      level,
      path,
      regionCode: def.regionCode,
      placeZh: def.placeZh,
      parentCode: parent?.code ?? null,
    };
    out.set(def.code, seeded);
    for (const child of def.children ?? []) await visit(child, seeded);
  };
  await visit(INSTITUTION_TREE, null);
  return out;
}
