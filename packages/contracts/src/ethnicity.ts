/**
 * 民族: the 56 ethnic groups of GB/T 3304 with their usual English names. The assessment's Appendix A (A.2.6)
 * codes them 01–56 in this order; the registry stores the Chinese name and the console translates it.
 */
// STANDARDS.md §1.5 [D]: GB/T 3304 ethnic groups, codes 01–56 in the standard's order, plus 97 其他.
// The order and codes agree with independent public code lists (e.g. gh:6232886044) [P].
// English: the groups' usual English names.
// prettier-ignore
export const ETHNIC_GROUPS = [
  ['汉族', 'Han'], ['蒙古族', 'Mongolian'], ['回族', 'Hui'], ['藏族', 'Tibetan'], ['维吾尔族', 'Uyghur'],
  ['苗族', 'Miao'], ['彝族', 'Yi'], ['壮族', 'Zhuang'], ['布依族', 'Bouyei'], ['朝鲜族', 'Korean'],
  ['满族', 'Manchu'], ['侗族', 'Dong'], ['瑶族', 'Yao'], ['白族', 'Bai'], ['土家族', 'Tujia'],
  ['哈尼族', 'Hani'], ['哈萨克族', 'Kazakh'], ['傣族', 'Dai'], ['黎族', 'Li'], ['傈僳族', 'Lisu'],
  ['佤族', 'Va'], ['畲族', 'She'], ['高山族', 'Gaoshan'], ['拉祜族', 'Lahu'], ['水族', 'Shui'],
  ['东乡族', 'Dongxiang'], ['纳西族', 'Naxi'], ['景颇族', 'Jingpo'], ['柯尔克孜族', 'Kyrgyz'], ['土族', 'Tu'],
  ['达斡尔族', 'Daur'], ['仫佬族', 'Mulao'], ['羌族', 'Qiang'], ['布朗族', 'Blang'], ['撒拉族', 'Salar'],
  ['毛南族', 'Maonan'], ['仡佬族', 'Gelao'], ['锡伯族', 'Xibe'], ['阿昌族', 'Achang'], ['普米族', 'Pumi'],
  ['塔吉克族', 'Tajik'], ['怒族', 'Nu'], ['乌孜别克族', 'Uzbek'], ['俄罗斯族', 'Russian'], ['鄂温克族', 'Ewenki'],
  ['德昂族', "De'ang"], ['保安族', 'Bonan'], ['裕固族', 'Yugur'], ['京族', 'Jing'], ['塔塔尔族', 'Tatar'],
  ['独龙族', 'Derung'], ['鄂伦春族', 'Oroqen'], ['赫哲族', 'Hezhen'], ['门巴族', 'Monba'], ['珞巴族', 'Lhoba'],
  ['基诺族', 'Jino'],
] as const;

const EN_BY_ZH: ReadonlyMap<string, string> = new Map(ETHNIC_GROUPS);

/** The English name of a stored 民族 (汉族 → Han); anything else as stored. */
export function ethnicityEn(zh: string): string {
  return EN_BY_ZH.get(zh) ?? zh;
}
