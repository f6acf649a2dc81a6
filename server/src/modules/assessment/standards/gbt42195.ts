/**
 * GB/T 42195-2022 老年人能力评估规范 — items, levels, change rules, Appendix A
 * fields and the Appendix C report, as data (STANDARDS.md §1). Higher scores
 * mean better ability on every item; the total is 0–90.
 */
import { NO_YES, choices, item, scored } from './options.ts';
import type {
  AssessmentItem,
  AssessmentOption,
  AssessmentStandard,
  FormSection,
  InitialLevelRule,
  LevelDefinition,
} from './types.ts';

const CODE = 'GB/T 42195-2022';

// GB/T 42195-2022 B.1 — the five-step assistance scale shared by many items (ASSIST5).
const ASSIST5: readonly AssessmentOption[] = scored([
  [4, '独立完成，不需要协助', 'Completes it alone, no help needed'],
  [3, '在他人指导或提示下完成', 'Completes it with guidance or prompting'],
  [2, '需要他人协助，但以自身完成为主', 'Needs help but does most of it'],
  [1, '主要依靠他人协助，自身能给予配合', 'Relies mainly on help and can cooperate'],
  [0, '完全依赖他人协助，且不能给予配合', 'Fully dependent on help and cannot cooperate'],
]);

const SELF_CARE = 'B.1';
const MOBILITY = 'B.2';
const MENTAL = 'B.3';
const PERCEPTION = 'B.4';

const ITEMS: readonly AssessmentItem[] = [
  // GB/T 42195-2022 B.1 自理能力
  item(
    'B.1.1',
    SELF_CARE,
    { zh: '进食', en: 'Eating' },
    scored([
      [4, '独立使用器具将食物送进口中并咽下，没有呛咳'],
      [3, '在他人指导或提示下完成，或独立使用辅具，没有呛咳'],
      [2, '进食中至少需要少量接触式协助，偶尔（每月一次及以上）呛咳'],
      [1, '在进食中需要大量接触式协助，经常（每周一次及以上）呛咳'],
      [0, '完全依赖他人协助进食，或吞咽困难，或留置营养管'],
    ]),
    { definition: '使用适当的器具将食物送入口中并咽下' },
  ),
  item('B.1.2', SELF_CARE, { zh: '修饰', en: 'Grooming' }, ASSIST5, {
    definition: '指洗脸、刷牙、梳头、刮脸、剪指（趾）甲等',
  }),
  item('B.1.3', SELF_CARE, { zh: '洗澡', en: 'Bathing' }, ASSIST5, { definition: '清洗和擦干身体' }),
  item('B.1.4', SELF_CARE, { zh: '穿/脱上衣', en: 'Dressing the upper body' }, ASSIST5, {
    definition: '指穿/脱上身衣服、系扣、拉拉链等',
  }),
  item(
    'B.1.5',
    SELF_CARE,
    { zh: '穿/脱裤子和鞋袜', en: 'Dressing the lower body, shoes and socks' },
    ASSIST5,
    {
      definition: '指穿/脱裤子、鞋袜等',
    },
  ),
  item(
    'B.1.6',
    SELF_CARE,
    { zh: '小便控制', en: 'Bladder control' },
    scored([
      [4, '可自行控制排尿，排尿次数、排尿控制均正常'],
      [3, '白天可自行控制排尿次数，夜间出现排尿次数增多、排尿控制较差，或自行使用尿布、尿垫等辅助用物'],
      [
        2,
        '白天大部分时间可自行控制排尿，偶出现（每天<1次，但每周>1次）尿失禁，夜间控制排尿较差，或他人少量协助使用尿布、尿垫等辅助用物',
      ],
      [
        1,
        '白天大部分时间不能控制排尿（每天≥1次，但尚非完全失控），夜间出现尿失禁，或他人大量协助使用尿布、尿垫等辅助用物',
      ],
      [0, '小便失禁，完全不能控制排尿，或留置导尿管'],
    ]),
    { definition: '控制和排出尿液的能力' },
  ),
  // STANDARDS.md §1.2 [P]: the frequencies of options 3 and 2 look garbled in the transcription;
  // the text is kept as transcribed until checked against the official text.
  item(
    'B.1.7',
    SELF_CARE,
    { zh: '大便控制', en: 'Bowel control' },
    scored([
      [4, '可正常自行控制大便排出'],
      [3, '有时出现（每天<1次）便秘或大便失禁，或自行使用开塞露、尿垫等辅助用物'],
      [2, '经常出现（每天<1次，但每周>1次）便秘或大便失禁，或他人少量协助使用开塞露、尿垫等辅助用物'],
      [
        1,
        '大部分时间均出现（每天≥1次）便秘或大便失禁，但尚非完全失控，或他人大量协助使用开塞露、尿垫等辅助用物',
      ],
      [0, '严重便秘或者完全大便失禁，需要依赖他人协助排便或清洁皮肤'],
    ]),
    { definition: '控制和排出粪便的能力', verification: 'P' },
  ),
  item('B.1.8', SELF_CARE, { zh: '如厕', en: 'Toileting' }, ASSIST5, {
    definition: '上厕所排泄大小便，并清洁身体',
    note: '评估中强调排泄前解开裤子、完成排泄后清洁身体、穿上裤子',
  }),

  // GB/T 42195-2022 B.2 基础运动能力
  item('B.2.1', MOBILITY, { zh: '床上体位转移', en: 'Changing position in bed' }, ASSIST5, {
    definition: '卧床翻身及坐起躺下',
  }),
  item('B.2.2', MOBILITY, { zh: '床椅转移', en: 'Bed–chair transfer' }, ASSIST5, {
    definition: '从坐位到站位，再从站位到坐位的转换过程',
  }),
  item(
    'B.2.3',
    MOBILITY,
    { zh: '平地行走', en: 'Walking on level ground' },
    scored([
      [4, '独立平地行走50 m左右，不需要协助，无摔倒风险'],
      [3, '能平地行走50 m左右，存在跌倒风险，需要他人监护或指导，或使用拐杖、助行器等辅助工具'],
      [2, '在步行时需要他人少量扶持协助'],
      [1, '在步行时需要他人大量扶持协助'],
      [0, '完全不能步行'],
    ]),
    { definition: '双脚交互的方式在地面行动，总是一只脚在前', note: '包括他人辅助和使用辅具的步行' },
  ),
  // GB/T 42195-2022 B.2.4: max 3 — the two most dependent steps share 0 points.
  item(
    'B.2.4',
    MOBILITY,
    { zh: '上下楼梯', en: 'Stairs' },
    scored([
      [3, '可独立上下楼梯（连续上下10个~15个台阶），不需要协助'],
      [2, '在他人指导或提示下完成'],
      [1, '需要他人协助，但以自身完成为主'],
      [0, '主要依靠他人协助，自身能给予配合；或者完全依赖他人协助，且不能给予配合'],
    ]),
    { definition: '双脚交替完成楼梯台阶连续的上下移动' },
  ),

  // GB/T 42195-2022 B.3 精神状态
  item(
    'B.3.1',
    MENTAL,
    { zh: '时间定向', en: 'Orientation to time' },
    scored([
      [4, '时间观念（年、月）清楚，日期（或星期几）可相差一天'],
      [3, '时间观念有些下降，年、月、日（或星期几）不能全部分清（相差两天或以上）'],
      [2, '时间观念较差，年、月、日不清楚，可知上半年或下半年或季节'],
      [1, '时间观念很差，年、月、日不清楚，可知上午、下午或白天、夜间'],
      [0, '无时间观念'],
    ]),
    { definition: '知道并确认时间的能力' },
  ),
  item(
    'B.3.2',
    MENTAL,
    { zh: '空间定向', en: 'Orientation to place' },
    scored([
      [4, '能在日常生活范围内单独外出，如在日常居住小区内独自外出购物等'],
      [3, '不能单独外出，但能准确知道自己日常生活所在地的地址信息'],
      [2, '不能单独外出，但知道较多有关自己日常生活的地址信息'],
      [1, '不能单独外出，但知道较少自己居住或生活所在地的地址信息'],
      [0, '不能单独外出，无空间观念'],
    ]),
    { definition: '知道并确认空间的能力' },
  ),
  item(
    'B.3.3',
    MENTAL,
    { zh: '人物定向', en: 'Orientation to people' },
    scored([
      [4, '认识长期共同一起生活的人，能称呼并知道关系'],
      [3, '能认识大部分共同生活居住的人，能称呼或知道关系'],
      [2, '能认识部分日常同住的亲人或照护者等，能称呼或知道关系等'],
      [1, '只认识自己或极少数日常同住的亲人或照护者等'],
      [0, '不认识任何人（包括自己）'],
    ]),
    { definition: '知道并确认人物的能力' },
  ),
  item(
    'B.3.4',
    MENTAL,
    { zh: '记忆', en: 'Memory' },
    scored([
      [4, '总能保持与社会、年龄所适应的记忆能力，能完整的回忆'],
      [3, '出现轻度的记忆紊乱或回忆不能（不能回忆即时信息，3个词语经过5分钟后仅能回忆0~1个）'],
      [2, '出现中度的记忆紊乱或回忆不能（不能回忆近期记忆，不记得上一顿饭吃了什么）'],
      [1, '出现重度的记忆紊乱或回忆不能（不能回忆远期记忆，不记得自己的老朋友）'],
      [0, '记忆完全紊乱或者完全不能对既往事物进行正确的回忆'],
    ]),
    { definition: '短时、近期和远期记忆能力' },
  ),
  item(
    'B.3.5',
    MENTAL,
    { zh: '理解能力', en: 'Understanding' },
    scored([
      [4, '能正常理解他人的话'],
      [3, '能理解他人的话，但需要增加时间'],
      [2, '理解有困难，需要频繁重复或简化口头表达'],
      [1, '理解有严重困难，需要大量他人帮助'],
      [0, '完全不能理解他人的话'],
    ]),
    { definition: '理解语言信息和非语言信息的能力（可借助平时使用的助听设备等），即理解别人的话' },
  ),
  item(
    'B.3.6',
    MENTAL,
    { zh: '表达能力', en: 'Expression' },
    scored([
      [4, '能正常表达自己的想法'],
      [3, '能表达自己的需要，但需要增加时间'],
      [2, '表达需要有困难，需频繁重复或简化口头表达'],
      [1, '表达有严重困难，需要大量他人帮助'],
      [0, '完全不能表达需要'],
    ]),
    { definition: '表达信息能力，包括口头的和非口头的，即表达自己的想法' },
  ),
  item(
    'B.3.7',
    MENTAL,
    { zh: '攻击行为', en: 'Aggressive behaviour' },
    scored([
      [1, '未出现', 'None'],
      [0, '近一个月内出现过攻击行为', 'Aggressive behaviour in the past month'],
    ]),
    { definition: '身体攻击行为（如打/踢/推/咬/抓/摔东西）和语言攻击行为（如骂人、语言威胁、尖叫）' },
  ),
  item(
    'B.3.8',
    MENTAL,
    { zh: '抑郁症状', en: 'Depressive symptoms' },
    scored([
      [1, '未出现', 'None'],
      [0, '近一个月内出现过负性情绪', 'Negative mood in the past month'],
    ]),
    {
      definition: '存在情绪低落、兴趣减退、活力减退等症状，甚至出现妄想、幻觉、自杀念头或自杀行为',
      note: '长期的负性情绪',
    },
  ),
  // GB/T 42195-2022 B.3.9; STANDARDS.md §1.2 [D]: score 0 is split into 昏睡 and 昏迷 (both 0 points)
  // so that only 昏迷 triggers the coma rule of C.4.
  item(
    'B.3.9',
    MENTAL,
    { zh: '意识水平', en: 'Level of consciousness' },
    [
      { value: '2', score: 2, zh: '神志清醒，对周围环境能做出正确反应', en: 'Alert' },
      {
        value: '1',
        score: 1,
        zh: '嗜睡（呼唤或推动肢体可唤醒，能正确交谈或执行指令，停止刺激后又继续入睡）；或意识模糊（注意力涣散，对外界刺激不能清晰认识，空间和时间定向力障碍，理解力迟钝，记忆力模糊和不连贯）',
        en: 'Drowsy or confused',
      },
      {
        value: 'stupor',
        score: 0,
        zh: '昏睡（一般外界刺激不能使其觉醒，较强刺激可短时清醒并简短回答，刺激减弱后很快入睡）',
        en: 'Stupor',
        note: '标准原文中昏睡与昏迷同为 0 分选项，此处拆分以便判定昏迷',
      },
      {
        value: 'coma',
        score: 0,
        zh: '昏迷（意识丧失，随意运动丧失，对一般刺激全无反应）',
        en: 'Coma',
        flags: ['coma'],
        note: '标准原文中昏睡与昏迷同为 0 分选项，此处拆分以便判定昏迷',
      },
    ],
    { definition: '机体对自身和周围环境的刺激做出应答反应的能力程度，包括清醒和持续的觉醒状态' },
  ),

  // GB/T 42195-2022 B.4 感知觉与社会参与
  item(
    'B.4.1',
    PERCEPTION,
    { zh: '视力', en: 'Vision' },
    scored([
      [2, '视力正常', 'Normal'],
      [1, '能看清楚大字体，但看不清书报上的标准字体；视力有限，看不清报纸大标题，但能辨认物体'],
      [0, '只能看到光、颜色和形状；完全失明'],
    ]),
    { definition: '感受存在的光线并感受物体的大小、形状的能力。在个体的最好矫正视力下进行评估' },
  ),
  item(
    'B.4.2',
    PERCEPTION,
    { zh: '听力', en: 'Hearing' },
    scored([
      [2, '听力正常', 'Normal'],
      [1, '在轻声说话或说话距离超过2 m时听不清；正常交流有些困难，需在安静的环境或大声说话才能听到'],
      [0, '讲话者大声说话或说话很慢，才能部分听见；完全失聪'],
    ]),
    { definition: '能辨别声音的方位、音调、音量和音质的有关能力（可借助平时使用助听设备等）' },
  ),
  // STANDARDS.md §1.2 abbreviates options 2 and 1 ("…需要少量协助"); the full wording is from
  // gh:7705503546, with its typo "事务是" read as "事务时".
  item(
    'B.4.3',
    PERCEPTION,
    { zh: '执行日常事务', en: 'Managing daily affairs' },
    scored([
      [4, '能完全独立计划、安排和完成日常事务，无需协助'],
      [3, '在计划、安排和完成日常事务时需要他人监护或指导'],
      [2, '在计划、安排和完成日常事务时需要少量协助'],
      [1, '在计划、安排和完成日常事务时需要大量协助'],
      [0, '完全依赖他人进行日常事务'],
    ]),
    { definition: '计划、安排并完成日常事务，包括但不限于洗衣服、小金额购物、服药管理' },
  ),
  item(
    'B.4.4',
    PERCEPTION,
    { zh: '使用交通工具外出', en: 'Going out by transport' },
    scored([
      [3, '能自己骑车或搭乘公共交通工具外出'],
      [2, '能自己搭乘出租车，但不会搭乘其他公共交通工具外出'],
      [1, '当有人协助或陪伴，可搭乘公共交通工具外出'],
      [0, '只能在他人协助下搭乘出租车或私家车外出；完全不能出门，或者外出完全需要协助'],
    ]),
  ),
  item(
    'B.4.5',
    PERCEPTION,
    { zh: '社会交往能力', en: 'Social interaction' },
    scored([
      [4, '参与社会，在社会环境有一定的适应能力，待人接物恰当'],
      [3, '能适应单纯环境，主动接触他人，初次见面时难让人发现智力问题，不能理解隐喻语'],
      [2, '脱离社会，可被动接触，不会主动待他人，谈话中很多不适词句，容易上当受骗'],
      [1, '勉强可与他人接触，谈吐内容不清楚，表情不恰当'],
      [0, '不能与人交往'],
    ]),
  ),
];

const codesOf = (dimension: string) => ITEMS.filter((i) => i.dimension === dimension).map((i) => i.code);

// GB/T 42195-2022 C.3 / STANDARDS.md §1.3: score bands of the initial level.
const LEVELS: readonly LevelDefinition[] = [
  { code: 0, zh: '能力完好', zhShort: '能力完好', en: 'Intact ability', minTotal: 90, maxTotal: 90 },
  {
    code: 1,
    zh: '能力轻度受损（轻度失能）',
    zhShort: '轻度失能',
    en: 'Mildly impaired (mild disability)',
    minTotal: 66,
    maxTotal: 89,
  },
  {
    code: 2,
    zh: '能力中度受损（中度失能）',
    zhShort: '中度失能',
    en: 'Moderately impaired (moderate disability)',
    minTotal: 46,
    maxTotal: 65,
  },
  {
    code: 3,
    zh: '能力重度受损（重度失能）',
    zhShort: '重度失能',
    en: 'Severely impaired (severe disability)',
    minTotal: 30,
    maxTotal: 45,
  },
  {
    code: 4,
    zh: '能力完全丧失（完全失能）',
    zhShort: '完全失能',
    en: 'Complete loss of ability (complete disability)',
    minTotal: 0,
    maxTotal: 29,
  },
];

// GB/T 42195-2022 C.3: the initial level is the band that holds the total.
const deriveInitialLevel: InitialLevelRule = ({ total }) => {
  const level = LEVELS.find(
    (l) => total !== null && total >= (l.minTotal ?? Infinity) && total <= (l.maxTotal ?? -Infinity),
  );
  return level
    ? { available: true, level: level.code }
    : { available: false, reasonCode: 'assessment.level_incomplete' };
};

const RISK_EVENT_TYPES = [
  { code: 'fall', zh: '跌倒', en: 'Fall' },
  { code: 'wandering', zh: '走失', en: 'Wandering off / getting lost' },
  { code: 'choking', zh: '噎食', en: 'Choking' },
  { code: 'suicide_self_harm', zh: '自杀自伤', en: 'Suicide or self-harm' },
  { code: 'other', zh: '其他', en: 'Other' },
] as const;

// STANDARDS.md §1.5 [D]: GB/T 3304 ethnic groups, codes 01–56 in the standard's order, plus 97 其他.
// The order and codes agree with independent public code lists (e.g. gh:6232886044) [P].
// prettier-ignore
const ETHNIC_GROUPS = [
  '汉族', '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族',
  '满族', '侗族', '瑶族', '白族', '土家族', '哈尼族', '哈萨克族', '傣族', '黎族', '傈僳族',
  '佤族', '畲族', '高山族', '拉祜族', '水族', '东乡族', '纳西族', '景颇族', '柯尔克孜族', '土族',
  '达斡尔族', '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯族', '阿昌族', '普米族',
  '塔吉克族', '怒族', '乌孜别克族', '俄罗斯族', '鄂温克族', '德昂族', '保安族', '裕固族', '京族', '塔塔尔族',
  '独龙族', '鄂伦春族', '赫哲族', '门巴族', '珞巴族', '基诺族',
] as const;

const OCCURRENCES = choices([
  ['0', '无'],
  ['1', '发生过1次'],
  ['2', '发生过2次'],
  ['3', '发生过3次及以上'],
]);

// GB/T 42195-2022 Appendix A (STANDARDS.md §1.5 [P]).
const BASIC_INFO_FORM: readonly FormSection[] = [
  {
    code: 'A.1',
    zh: '评估信息',
    en: 'Assessment information',
    fields: [
      {
        code: 'A.1.1',
        zh: '评估编号',
        en: 'Assessment number',
        type: 'text',
        unique: true,
        verification: 'P',
      },
      { code: 'A.1.2', zh: '评估基准日期', en: 'Reference date', type: 'date', verification: 'P' },
      {
        code: 'A.1.3',
        zh: '评估原因',
        en: 'Reason for assessment',
        type: 'single',
        options: choices([
          ['first', '首次评估'],
          ['routine', '常规评估'],
          ['immediate', '即时评估'],
          ['dispute_review', '因对评估结果有疑问进行的复评'],
          ['other', '其他'],
        ]),
        verification: 'V',
      },
    ],
  },
  {
    code: 'A.2',
    zh: '评估对象基本信息',
    en: 'Basic information of the older person',
    fields: [
      { code: 'A.2.1', zh: '姓名', en: 'Name', type: 'text', verification: 'P' },
      {
        code: 'A.2.2',
        zh: '性别',
        en: 'Sex',
        type: 'single',
        options: choices([
          ['male', '男'],
          ['female', '女'],
        ]),
        verification: 'P',
      },
      { code: 'A.2.3', zh: '出生日期', en: 'Date of birth', type: 'date', verification: 'P' },
      { code: 'A.2.4', zh: '身高', en: 'Height', type: 'number', unit: 'cm', verification: 'P' },
      { code: 'A.2.5', zh: '体重', en: 'Weight', type: 'number', unit: 'kg', verification: 'P' },
      {
        code: 'A.2.6',
        zh: '民族',
        en: 'Ethnic group',
        type: 'single',
        options: [
          ...ETHNIC_GROUPS.map((zh, i) => ({ value: String(i + 1).padStart(2, '0'), zh })),
          { value: '97', zh: '其他', specify: true },
        ],
        verification: 'D',
      },
      {
        code: 'A.2.7',
        zh: '宗教信仰',
        en: 'Religion',
        type: 'single',
        options: choices([
          ['no', '无'],
          ['yes', '有', { specify: true }],
        ]),
        verification: 'P',
      },
      {
        code: 'A.2.8',
        zh: '公民身份号码',
        en: 'Citizen ID number',
        type: 'id_number',
        help: '18 位，GB 11643 校验',
        verification: 'P',
      },
      {
        code: 'A.2.9',
        zh: '文化程度',
        en: 'Education',
        type: 'single',
        options: choices([
          ['illiterate', '文盲'],
          ['primary', '小学'],
          ['junior_high', '初中'],
          ['senior_high', '高中/技校/中专'],
          ['college_plus', '大学专科及以上'],
          ['unknown', '不详'],
        ]),
        verification: 'P',
      },
      {
        code: 'A.2.10',
        zh: '居住情况',
        en: 'Living arrangement',
        type: 'multi',
        options: choices([
          ['alone', '独居'],
          ['spouse', '与配偶居住'],
          ['children', '与子女居住'],
          ['parents', '与父母居住'],
          ['siblings', '与兄弟姐妹居住'],
          ['other_relatives', '与其他亲属居住'],
          ['non_relatives', '与非亲属关系的人居住'],
          ['institution', '养老机构'],
        ]),
        verification: 'P',
      },
      {
        code: 'A.2.11',
        zh: '婚姻状况',
        en: 'Marital status',
        type: 'single',
        options: choices([
          ['unmarried', '未婚'],
          ['married', '已婚'],
          ['widowed', '丧偶'],
          ['divorced', '离婚'],
          ['unspecified', '未说明'],
        ]),
        verification: 'P',
      },
      {
        code: 'A.2.12',
        zh: '医疗费用支付方式',
        en: 'Payment of medical costs',
        type: 'multi',
        options: choices([
          ['employee_basic', '城镇职工基本医疗保险'],
          ['resident_basic', '城乡居民基本医疗保险'],
          ['self_pay', '自费'],
          ['civil_servant_subsidy', '公务员补助'],
          ['enterprise_supplementary', '企业补充保险'],
          ['public_medical', '公费医疗及医疗照顾对象'],
          ['medical_assistance', '医疗救助'],
          ['critical_illness', '大病保险'],
          ['other', '其他'],
        ]),
        verification: 'P',
      },
      {
        code: 'A.2.13',
        zh: '经济来源',
        en: 'Sources of income',
        type: 'multi',
        options: choices([
          ['pension', '退休金/养老金'],
          ['children_support', '子女补贴'],
          ['relatives_support', '亲友资助'],
          ['universal_subsidy', '国家普惠型补贴'],
          ['savings', '个人储蓄'],
          ['other_subsidy', '其他补贴'],
        ]),
        verification: 'P',
      },
      {
        code: 'A.2.14',
        zh: '近30天内照护风险事件',
        en: 'Care risk events in the past 30 days',
        type: 'matrix',
        rows: RISK_EVENT_TYPES.map(({ code, zh, en }) => ({ value: code, zh, en })),
        options: OCCURRENCES,
        feeds: 'context.careRiskEventsLast30Days',
        verification: 'P',
      },
    ],
  },
  {
    code: 'A.3',
    zh: '信息提供者及联系人信息',
    en: 'Informant and contact person',
    fields: [
      { code: 'A.3.1', zh: '信息提供者的姓名', en: 'Name of the informant', type: 'text', verification: 'P' },
      {
        code: 'A.3.2',
        zh: '信息提供者与老年人的关系',
        en: 'Relationship of the informant to the older person',
        type: 'single',
        options: choices([
          ['self', '本人'],
          ['spouse', '配偶'],
          ['child', '子女'],
          ['other_relative', '其他亲属'],
          ['hired_caregiver', '雇佣照顾者'],
          ['committee_staff', '村（居）民委员会工作人员'],
          ['other', '其他'],
        ]),
        verification: 'P',
      },
      { code: 'A.3.3', zh: '联系人姓名', en: 'Contact name', type: 'text', verification: 'P' },
      { code: 'A.3.4', zh: '联系人电话', en: 'Contact phone', type: 'phone', verification: 'P' },
    ],
  },
  {
    code: 'A.4',
    zh: '疾病诊断和用药情况',
    en: 'Diagnoses and medication',
    fields: [
      {
        code: 'A.4.1',
        zh: '疾病诊断',
        en: 'Diagnoses',
        type: 'multi',
        options: choices([
          ['I10-I15', '高血压病', { icd: 'I10~I15' }],
          ['I25', '冠心病', { icd: 'I25' }],
          ['E10-E14', '糖尿病', { icd: 'E10~E14' }],
          ['J12-J18', '肺炎', { icd: 'J12~J18' }],
          ['J44', '慢性阻塞性肺疾病', { icd: 'J44' }],
          ['I60-I62', '脑出血', { icd: 'I60~I62' }],
          ['I63', '脑梗塞', { icd: 'I63' }],
          ['uti_30d', '尿路感染（30天内）'],
          ['G20-G22', '帕金森综合征', { icd: 'G20~G22' }],
          ['N18-N19', '慢性肾衰竭', { icd: 'N18~N19' }],
          ['K74', '肝硬化', { icd: 'K74' }],
          ['K20-K31', '消化性溃疡', { icd: 'K20~K31' }],
          ['C00-D48', '肿瘤', { icd: 'C00~D48' }],
          ['amputation_6m', '截肢（6个月内）'],
          ['M84', '骨折（3个月内）', { icd: 'M84' }],
          ['G40', '癫痫', { icd: 'G40' }],
          ['E01-E03', '甲状腺功能减退症', { icd: 'E01~E03' }],
          ['H25-H26', '白内障', { icd: 'H25~H26' }],
          ['H40-H42', '青光眼', { icd: 'H40~H42' }],
          ['M80-M82', '骨质疏松症', { icd: 'M80~M82' }],
          ['F00-F03', '痴呆', { icd: 'F00~F03' }],
          ['F04-F99', '其他精神和行为障碍', { icd: 'F04~F99' }],
          ['other', '其他', { specify: true }],
        ]),
        help: 'F04~F99 须为精神科专科医生诊断',
        feeds: 'context.diagnosisCodes',
        verification: 'P',
      },
      {
        code: 'A.4.2',
        zh: '用药情况',
        en: 'Medication',
        type: 'rows',
        columns: choices([
          ['name', '药物名称'],
          ['method', '服药方法'],
          ['dose', '用药剂量'],
          ['frequency', '用药频率'],
        ]),
        verification: 'P',
      },
    ],
  },
  {
    code: 'A.5',
    zh: '健康相关问题',
    en: 'Health problems',
    fields: [
      {
        code: 'A.5.1',
        zh: '压力性损伤',
        en: 'Pressure injury',
        type: 'single',
        options: choices([
          ['none', '无'],
          ['stage_1', 'Ⅰ期：皮肤完好，出现指压不会变白的红印'],
          ['stage_2', 'Ⅱ期：皮肤真皮层损失、暴露，出现水疱'],
          ['stage_3', 'Ⅲ期：全层皮肤缺失，可见脂肪、肉芽组织以及边缘内卷'],
          ['stage_4', 'Ⅳ期：全层皮肤、组织缺失，可见肌腱、肌肉、腱膜，以及边缘内卷，伴随隧道、潜行'],
          ['unstageable', '不可分期'],
        ]),
        verification: 'P',
      },
      {
        code: 'A.5.2',
        zh: '关节活动度',
        en: 'Joint range of motion',
        type: 'single',
        options: choices([
          ['none', '无，没有影响日常生活功能'],
          ['affected', '是，影响日常生活功能（部位）', { specify: true }],
          ['unknown', '无法判断'],
        ]),
        verification: 'P',
      },
      {
        code: 'A.5.3',
        zh: '伤口情况',
        en: 'Wounds',
        type: 'multi',
        options: choices([
          ['none', '无', { exclusive: true }],
          ['abrasion', '擦伤'],
          ['burn', '烧烫伤'],
          ['surgical', '术后伤口'],
          ['diabetic_foot', '糖尿病足溃疡'],
          ['vascular', '血管性溃疡'],
          ['other', '其他伤口'],
        ]),
        verification: 'P',
      },
      {
        code: 'A.5.4',
        zh: '特殊护理情况',
        en: 'Special care',
        type: 'multi',
        options: choices([
          ['none', '无', { exclusive: true }],
          ['gastric_tube', '胃管'],
          ['urinary_catheter', '尿管'],
          ['tracheostomy', '气管切开'],
          ['ostomy', '胃/肠/膀胱造瘘'],
          ['noninvasive_ventilator', '无创呼吸机'],
          ['dialysis', '透析'],
          ['other', '其他'],
        ]),
        verification: 'P',
      },
      {
        code: 'A.5.5',
        zh: '疼痛感',
        en: 'Pain',
        type: 'single',
        help: '通过表情反应和询问来判断',
        options: choices([
          ['none', '无疼痛'],
          ['mild', '轻度疼痛'],
          ['moderate', '中度疼痛（尚可忍受的程度）'],
          ['severe', '重度疼痛（无法忍受的程度）'],
          ['unknown', '不知道或无法判断'],
        ]),
        verification: 'P',
      },
      {
        code: 'A.5.6',
        zh: '牙齿缺失情况',
        en: 'Missing teeth',
        type: 'multi',
        options: choices([
          ['none', '无缺失', { exclusive: true }],
          ['tooth_defect', '牙体缺损（如龋齿、楔状缺损）'],
          [
            'dentition_defect',
            '牙列缺损',
            {
              children: choices([
                ['non_opposing', '非对位牙缺失'],
                ['unilateral_opposing', '单侧对位牙缺失'],
                ['bilateral_opposing', '双侧对位牙缺失'],
              ]),
            },
          ],
          [
            'edentulous',
            '牙列缺失',
            {
              children: choices([
                ['maxillary', '上颌牙缺失'],
                ['mandibular', '下颌牙缺失'],
                ['full', '全口牙缺失'],
              ]),
            },
          ],
        ]),
        verification: 'P',
      },
      {
        code: 'A.5.7',
        zh: '义齿佩戴情况',
        en: 'Dentures',
        type: 'multi',
        options: choices([
          ['none', '无义齿', { exclusive: true }],
          ['fixed', '固定义齿'],
          ['removable_partial', '可摘局部义齿'],
          ['removable_full', '可摘全/半口义齿'],
        ]),
        verification: 'P',
      },
      {
        code: 'A.5.8',
        zh: '吞咽困难的情形和症状',
        en: 'Signs and symptoms of dysphagia',
        type: 'multi',
        options: choices([
          ['none', '无', { exclusive: true }],
          ['complains', '抱怨吞咽困难或吞咽时会疼痛'],
          ['coughing', '吃东西或喝水时出现咳嗽或呛咳'],
          ['residue', '用餐后嘴中仍含着食物或留有残余食物'],
          ['spilling', '当喝或吃流质或固体的食物时，食物会从嘴角边流失'],
          ['drooling', '有流口水的情况'],
        ]),
        verification: 'P',
      },
      {
        code: 'A.5.9',
        zh: '营养不良：体质指数（BMI）低于正常值',
        en: 'Malnutrition: BMI below normal',
        type: 'single',
        help: 'BMI=体重（kg）/身高（m）²',
        options: NO_YES,
        verification: 'P',
      },
      {
        code: 'A.5.10',
        zh: '清理呼吸道无效',
        en: 'Ineffective airway clearance',
        type: 'single',
        options: NO_YES,
        verification: 'P',
      },
      {
        code: 'A.5.11',
        zh: '昏迷',
        en: 'Coma',
        type: 'single',
        options: NO_YES,
        feeds: 'context.comaOrVegetative',
        verification: 'P',
      },
      {
        code: 'A.5.12',
        zh: '其他（请补充）',
        en: 'Other (please specify)',
        type: 'textarea',
        verification: 'P',
      },
    ],
  },
];

export const GBT_42195_2022: AssessmentStandard = {
  standardCode: CODE,
  revision: 1,
  zh: '老年人能力评估规范',
  en: 'Specification for ability assessment of older adults',
  itemsClause: `${CODE} Appendix B`,
  dimensions: [
    {
      code: SELF_CARE,
      zh: '自理能力',
      en: 'Self-care',
      itemCodes: codesOf(SELF_CARE),
      scoring: 'sum',
      maxScore: 32,
      polarity: 'higher_is_better',
    },
    {
      code: MOBILITY,
      zh: '基础运动能力',
      en: 'Basic mobility',
      itemCodes: codesOf(MOBILITY),
      scoring: 'sum',
      maxScore: 15,
      polarity: 'higher_is_better',
    },
    {
      code: MENTAL,
      zh: '精神状态',
      en: 'Mental status',
      itemCodes: codesOf(MENTAL),
      scoring: 'sum',
      maxScore: 28,
      polarity: 'higher_is_better',
    },
    {
      code: PERCEPTION,
      zh: '感知觉与社会参与',
      en: 'Perception and social participation',
      itemCodes: codesOf(PERCEPTION),
      scoring: 'sum',
      maxScore: 15,
      polarity: 'higher_is_better',
    },
  ],
  items: ITEMS,
  total: { max: 90 },
  levels: LEVELS,
  deriveInitialLevel,
  // GB/T 42195-2022 C.4 (STANDARDS.md §1.4). Order matters only for display.
  changeRules: [
    {
      code: 'coma',
      clause: `${CODE} C.4 (1)`,
      reasonCode: 'assessment.rule.coma',
      zh: '处于昏迷状态者，直接评定为能力完全丧失（完全失能）',
      en: 'A person in a coma is rated as complete loss of ability (complete disability)',
      anyOf: [
        { kind: 'option_flag', item: 'B.3.9', flag: 'coma', source: 'B.3.9' },
        { kind: 'context_flag', flag: 'comaOrVegetative', source: 'A.5.11' },
      ],
      effect: { kind: 'set_level', level: 4 },
      verification: 'P',
    },
    {
      code: 'dementia_or_psychiatric',
      clause: `${CODE} C.4 (2)`,
      reasonCode: 'assessment.rule.dementia_or_psychiatric',
      zh: '确诊为痴呆（F00～F03）、精神科专科医生诊断的其他精神和行为障碍疾病（F04～F99），在原有能力级别上应提高一个级别',
      en: 'Diagnosed dementia (F00–F03) or another mental and behavioural disorder diagnosed by a psychiatrist (F04–F99): raise the level by one',
      anyOf: [
        { kind: 'diagnosis', codes: ['F00-F03', 'F04-F99'], source: 'A.4.1' },
        { kind: 'context_flag', flag: 'dementiaOrPsychiatricDiagnosis', source: 'A.4.1' },
      ],
      effect: { kind: 'raise', by: 1 },
      verification: 'V',
    },
    {
      code: 'risk_events',
      clause: `${CODE} C.4 (3)`,
      reasonCode: 'assessment.rule.risk_events',
      zh: '近30天内发生过2次及以上照护风险事件（如跌倒、噎食、自杀、自伤、走失等），在原有能力级别上应提高一个级别',
      en: 'Two or more care risk events (falls, choking, suicide, self-harm, wandering off, etc.) in the past 30 days: raise the level by one',
      anyOf: [
        {
          kind: 'risk_events',
          threshold: 2,
          eventTypes: RISK_EVENT_TYPES.map((t) => t.code),
          source: 'A.2.14',
        },
      ],
      effect: { kind: 'raise', by: 1 },
      verification: 'V',
    },
  ],
  changePolicy: { maxLevel: 4 },
  skipRules: [],
  riskEventTypes: RISK_EVENT_TYPES,
  basicInfoForm: BASIC_INFO_FORM,
  // GB/T 42195-2022 Appendix C (STANDARDS.md §1.6 [P]).
  report: {
    zh: '老年人能力评估报告',
    en: 'Ability assessment report',
    sections: [
      {
        code: 'C.1',
        zh: '一级指标得分',
        en: 'Dimension scores',
        entries: [
          {
            code: 'C.1.1',
            zh: '自理能力得分',
            en: 'Self-care score',
            source: { kind: 'dimension_score', dimension: SELF_CARE },
          },
          {
            code: 'C.1.2',
            zh: '基础运动能力得分',
            en: 'Basic mobility score',
            source: { kind: 'dimension_score', dimension: MOBILITY },
          },
          {
            code: 'C.1.3',
            zh: '精神状态得分',
            en: 'Mental status score',
            source: { kind: 'dimension_score', dimension: MENTAL },
          },
          {
            code: 'C.1.4',
            zh: '感知觉与社会参与得分',
            en: 'Perception and social participation score',
            source: { kind: 'dimension_score', dimension: PERCEPTION },
          },
        ],
      },
      {
        code: 'C.2',
        zh: '总分',
        en: 'Total score',
        entries: [{ code: 'C.2', zh: '初步等级得分', en: 'Total score (0–90)', source: { kind: 'total' } }],
      },
      {
        code: 'C.3',
        zh: '老年人能力初步等级',
        en: 'Initial ability level',
        entries: [
          {
            code: 'C.3',
            zh: '老年人能力初步等级',
            en: 'Initial ability level',
            source: { kind: 'initial_level' },
          },
        ],
      },
      {
        code: 'C.4',
        zh: '能力等级变更依据',
        en: 'Grounds for changing the level',
        entries: [
          {
            code: 'C.4',
            zh: '能力等级变更依据',
            en: 'Grounds for changing the level',
            source: { kind: 'change_rules' },
            help: '核查 A.5.11 昏迷、A.4.1 疾病诊断、A.2.14 近30天内照护风险事件',
          },
        ],
      },
      {
        code: 'C.5',
        zh: '老年人能力最终等级',
        en: 'Final ability level',
        entries: [
          {
            code: 'C.5',
            zh: '老年人能力最终等级',
            en: 'Final ability level',
            source: { kind: 'final_level' },
            help: '综合C.3和C.4的结果判定',
          },
        ],
      },
    ],
    signatures: [
      // STANDARDS.md §1.6: the two-assessor block is copied from MZ/T 039 forms [R for GB/T 42195].
      {
        role: 'assessor',
        zh: '评估员签名',
        en: 'Assessor signature',
        count: 2,
        dated: true,
        verification: 'R',
      },
      {
        role: 'informant',
        zh: '信息提供者签名',
        en: 'Informant signature',
        count: 1,
        dated: true,
        verification: 'P',
      },
    ],
  },
};
