/**
 * MZ/T 039-2013 老年人能力评估 (superseded by GB/T 42195-2022, kept for legacy
 * records and local schemes) — STANDARDS.md §2. ADL: higher = better (0–100).
 * 精神状态, 感知觉与沟通, 社会参与: higher = worse. There is no total score; the
 * four dimension grades are combined into the initial level.
 */
import { choices, item, scored } from './options.ts';
import type {
  AssessmentItem,
  AssessmentStandard,
  FormSection,
  GradeDefinition,
  InitialLevelRule,
} from './types.ts';

const CODE = 'MZ/T 039-2013';

const ADL = 'B.1';
const MENTAL = 'B.2';
const SENSORY = 'B.3';
const SOCIAL = 'B.4';

const ITEMS: readonly AssessmentItem[] = [
  // MZ/T 039-2013 B.1 日常生活活动 (Barthel index)
  item(
    'B.1.1',
    ADL,
    { zh: '进食', en: 'Feeding' },
    scored([
      [
        10,
        '可独立进食（在合理的时间内独立进食准备好的食物）',
        'Eats independently (eats prepared food on their own in a reasonable time)',
      ],
      [
        5,
        '需部分帮助（进食过程中需要一定帮助，如协助把持餐具）',
        'Needs some help while eating (e.g. help holding utensils)',
      ],
      [
        0,
        '需极大帮助或完全依赖他人，或有留置营养管',
        'Needs a great deal of help or fully dependent on others, or has a feeding tube',
      ],
    ]),
    { definition: '指用餐具将食物由容器送到口中、咀嚼、吞咽等过程' },
  ),
  item(
    'B.1.2',
    ADL,
    { zh: '洗澡', en: 'Bathing' },
    scored([
      [5, '准备好洗澡水后，可自己独立完成洗澡过程', 'Bathes on their own once the bath water is ready'],
      [0, '在洗澡过程中需他人帮助', 'Needs help while bathing'],
    ]),
  ),
  item(
    'B.1.3',
    ADL,
    { zh: '修饰', en: 'Grooming' },
    scored([
      [5, '可自己独立完成', 'Does it on their own'],
      [0, '需他人帮助', 'Needs help'],
    ]),
    { definition: '指洗脸、刷牙、梳头、刮脸等' },
  ),
  item(
    'B.1.4',
    ADL,
    { zh: '穿衣', en: 'Dressing' },
    scored([
      [10, '可独立完成', 'Does it independently'],
      [
        5,
        '需部分帮助（能自己穿脱，但需他人帮助整理衣物、系扣/鞋带、拉拉链）',
        'Needs some help (dresses and undresses alone but needs help straightening clothes, doing buttons/laces or zips)',
      ],
      [0, '需极大帮助或完全依赖他人', 'Needs a great deal of help or fully dependent on others'],
    ]),
    { definition: '指穿脱衣服、系扣、拉拉链、穿脱鞋袜、系鞋带' },
  ),
  item(
    'B.1.5',
    ADL,
    { zh: '大便控制', en: 'Bowel control' },
    scored([
      [10, '可控制大便', 'Controls bowel movements'],
      [5, '偶尔失控（每周<1次），或需要他人提示', 'Occasional accidents (<1 a week), or needs reminders'],
      [0, '完全失控', 'No control at all'],
    ]),
  ),
  item(
    'B.1.6',
    ADL,
    { zh: '小便控制', en: 'Bladder control' },
    scored([
      [10, '可控制小便', 'Controls urination'],
      [
        5,
        '偶尔失控（每天<1次，但每周>1次），或需要他人提示',
        'Occasional accidents (<1 a day but >1 a week), or needs reminders',
      ],
      [0, '完全失控，或留置导尿管', 'No control at all, or has an indwelling catheter'],
    ]),
  ),
  item(
    'B.1.7',
    ADL,
    { zh: '如厕', en: 'Toileting' },
    scored([
      [10, '可独立完成', 'Does it independently'],
      [
        5,
        '需部分帮助（需他人搀扶去厕所、需他人帮忙冲水或整理衣裤等）',
        'Needs some help (support to get to the toilet, help flushing or adjusting clothes, etc.)',
      ],
      [0, '需极大帮助或完全依赖他人', 'Needs a great deal of help or fully dependent on others'],
    ]),
    { definition: '包括去厕所、解开衣裤、擦净、整理衣裤、冲水' },
  ),
  item(
    'B.1.8',
    ADL,
    { zh: '床椅转移', en: 'Bed–chair transfer' },
    scored([
      [15, '可独立完成', 'Does it independently'],
      [10, '需部分帮助（需他人搀扶或使用拐杖）', 'Needs some help (support from another person or a cane)'],
      [
        5,
        '需极大帮助（较大程度上依赖他人搀扶和帮助）',
        'Needs a great deal of help (relies largely on support and help from others)',
      ],
      [0, '完全依赖他人', 'Fully dependent on others'],
    ]),
  ),
  // STANDARDS.md §2.2 abbreviates option 5 ("…"); full wording from gh:24874720828.
  item(
    'B.1.9',
    ADL,
    { zh: '平地行走', en: 'Walking on level ground' },
    scored([
      [15, '可独立在平地上行走45 m', 'Walks 45 m on level ground independently'],
      [
        10,
        '需部分帮助（因肢体残疾、平衡能力差、过度衰弱、视力等问题，在一定程度上需他人搀扶或使用拐杖、助行器等辅助用具）',
        'Needs some help (because of limb disability, poor balance, frailty, poor vision or similar, needs some support from others or a cane, walker or similar aid)',
      ],
      [
        5,
        '需极大帮助（因肢体残疾、平衡能力差、过度衰弱、视力等问题，在较大程度上依赖他人搀扶，或坐在轮椅上自行移动）',
        'Needs a great deal of help (because of limb disability, poor balance, frailty, poor vision or similar, relies largely on support from others, or moves about alone in a wheelchair)',
      ],
      [0, '完全依赖他人', 'Fully dependent on others'],
    ]),
  ),
  item(
    'B.1.10',
    ADL,
    { zh: '上下楼梯', en: 'Stairs' },
    scored([
      [
        10,
        '可独立上下楼梯（连续上下10-15个台阶）',
        'Goes up and down stairs independently (10–15 steps in a row)',
      ],
      [
        5,
        '需部分帮助（需他人搀扶，或扶着楼梯、使用拐杖等）',
        'Needs some help (support from others, holding the handrail, a cane or similar)',
      ],
      [0, '需极大帮助或完全依赖他人', 'Needs a great deal of help or fully dependent on others'],
    ]),
  ),

  // MZ/T 039-2013 B.2 精神状态 (higher = worse)
  item(
    'B.2.1',
    MENTAL,
    { zh: '认知功能', en: 'Cognition' },
    scored([
      [
        0,
        '画钟正确（画出一个闭锁圆，指针位置准确），且能回忆出2-3个词',
        'Clock drawn correctly (closed circle, hands placed correctly) and recalls 2–3 words',
      ],
      [
        1,
        '画钟错误（画的圆不闭锁，或指针位置不准确），或只回忆出0-1个词',
        'Clock drawn incorrectly (circle not closed or hands misplaced), or recalls only 0–1 words',
      ],
      [2, '已确诊为认知障碍，如老年痴呆', 'Diagnosed with cognitive impairment, e.g. dementia'],
    ]),
    {
      instructions:
        '“我说三样东西，请重复一遍，并记住，一会儿会问您”：苹果、手表、国旗。' +
        '（1）画钟测验：“请您在这儿画一个圆形的时钟，在时钟上标出10点45分”；' +
        '（2）回忆词语：“现在请您告诉我，刚才我要您记住的三样东西是什么？”（不必按顺序）',
    },
  ),
  item(
    'B.2.2',
    MENTAL,
    { zh: '攻击行为', en: 'Aggressive behaviour' },
    scored([
      [
        0,
        '无身体攻击行为（如打/踢/推/咬/抓/摔东西）和语言攻击行为（如骂人、语言威胁、尖叫）',
        'No physical aggression (e.g. hitting, kicking, pushing, biting, scratching, throwing things) or verbal aggression (e.g. swearing, threats, screaming)',
      ],
      [
        1,
        '每月有几次身体攻击行为，或每周有几次语言攻击行为',
        'Physical aggression a few times a month, or verbal aggression a few times a week',
      ],
      [
        2,
        '每周有几次身体攻击行为，或每日有语言攻击行为',
        'Physical aggression a few times a week, or verbal aggression every day',
      ],
    ]),
  ),
  item(
    'B.2.3',
    MENTAL,
    { zh: '抑郁症状', en: 'Depressive symptoms' },
    scored([
      [0, '无', 'None'],
      [
        1,
        '情绪低落、不爱说话、不爱梳洗、不爱活动',
        'Low mood; reluctant to talk, wash and groom, or be active',
      ],
      [2, '有自杀念头或自杀行为', 'Suicidal thoughts or suicidal behaviour'],
    ]),
  ),

  // MZ/T 039-2013 B.3 感知觉与沟通 (graded by rule)
  item('B.3.1', SENSORY, { zh: '意识水平', en: 'Level of consciousness' }, [
    ...scored([
      [0, '神志清醒，对周围环境警觉', 'Alert'],
      [
        1,
        '嗜睡，表现为睡眠状态过度延长。当呼唤或推动其肢体时可唤醒，并能进行正确的交谈或执行指令，停止刺激后又继续入睡',
        'Drowsy',
      ],
      [
        2,
        '昏睡，一般的外界刺激不能使其觉醒，给予较强烈的刺激时可有短时的意识清醒，醒后可简短回答提问，当刺激减弱后又很快进入睡眠状态',
        'Stupor',
      ],
    ]),
    {
      value: '3',
      score: 3,
      zh: '昏迷，处于浅昏迷时对疼痛刺激有回避和痛苦表情；处于深昏迷时对刺激无反应（若评定为昏迷，直接评定为重度失能，可不进行以下项目的评估）',
      en: 'Coma',
      flags: ['coma'],
    },
  ]),
  item(
    'B.3.2',
    SENSORY,
    { zh: '视力', en: 'Vision' },
    scored([
      [0, '能看清书报上的标准字体', 'Can read standard print in books and newspapers'],
      [
        1,
        '能看清楚大字体，但看不清书报上的标准字体',
        'Can read large print but not standard print in books and newspapers',
      ],
      [
        2,
        '视力有限，看不清报纸大标题，但能辨认物体',
        'Limited vision; cannot read newspaper headlines but can recognise objects',
      ],
      [
        3,
        '辨认物体有困难，但眼睛能跟随物体移动，只能看到光、颜色和形状',
        'Has difficulty recognising objects but the eyes can follow moving objects; sees only light, colours and shapes',
      ],
      [4, '没有视力，眼睛不能跟随物体移动', 'No vision; the eyes cannot follow moving objects'],
    ]),
    { note: '若平日带老花镜或近视镜，应在佩戴眼镜的情况下评估' },
  ),
  item(
    'B.3.3',
    SENSORY,
    { zh: '听力', en: 'Hearing' },
    scored([
      [
        0,
        '可正常交谈，能听到电视、电话、门铃的声音',
        'Converses normally; hears the TV, telephone and doorbell',
      ],
      [1, '在轻声说话或说话距离超过2米时听不清', 'Cannot hear soft speech or speech more than 2 m away'],
      [
        2,
        '正常交流有些困难，需在安静的环境或大声说话才能听到',
        'Some difficulty in normal conversation; hears only in a quiet place or when people speak loudly',
      ],
      [
        3,
        '讲话者大声说话或说话很慢，才能部分听见',
        'Hears only partly when the speaker talks loudly or very slowly',
      ],
      [4, '完全听不见', 'Cannot hear at all'],
    ]),
    { note: '若平时佩戴助听器，应在佩戴助听器的情况下评估' },
  ),
  item(
    'B.3.4',
    SENSORY,
    { zh: '沟通交流', en: 'Communication' },
    scored([
      [0, '无困难，能与他人正常沟通和交流', 'No difficulty; communicates with others normally'],
      [
        1,
        '能够表达自己的需要及理解别人的话，但需要增加时间或给予帮助',
        'Can express their needs and understand others, but needs more time or help',
      ],
      [
        2,
        '表达需要或理解有困难，需频繁重复或简化口头表达',
        'Has difficulty expressing needs or understanding; needs frequent repetition or simpler speech',
      ],
      [3, '不能表达需要或理解他人的话', 'Cannot express needs or understand others'],
    ]),
    { definition: '包括非语言沟通' },
  ),

  // MZ/T 039-2013 B.4 社会参与 (higher = worse)
  item(
    'B.4.1',
    SOCIAL,
    { zh: '生活能力', en: 'Daily living skills' },
    scored([
      [
        0,
        '除个人生活自理外（如饮食、洗漱、穿戴、二便），能料理家务（如做饭、洗衣）或当家管理事务',
        'Besides personal self-care (e.g. eating, washing, dressing, toileting), can do housework (e.g. cooking, laundry) or run the household',
      ],
      [
        1,
        '除个人生活自理外，能做家务，但欠好，家庭事务安排欠条理',
        'Besides personal self-care, can do housework but not well; household affairs are poorly organised',
      ],
      [
        2,
        '个人生活能自理；只有在他人帮助下才能做些家务，但质量不好',
        'Manages personal self-care; can do some housework only with help, and not well',
      ],
      [
        3,
        '个人基本生活事务能自理（如饮食、二便），在督促下可洗漱',
        'Manages basic personal care (e.g. eating, toileting); washes when urged',
      ],
      [
        4,
        '个人基本生活事务（如饮食、二便）需要部分帮助或完全依赖他人帮助',
        'Needs some or full help with basic personal care (e.g. eating, toileting)',
      ],
    ]),
  ),
  // STANDARDS.md §2.2 abbreviates options 1 and 2 ("…"); full wording from gh:24874720828.
  item(
    'B.4.2',
    SOCIAL,
    { zh: '工作能力', en: 'Working ability' },
    scored([
      [
        0,
        '原来熟练的脑力工作或体力技巧性工作可照常进行',
        'Can still do their formerly skilled mental or manual work as usual',
      ],
      [
        1,
        '原来熟练的脑力工作或体力技巧性工作能力有所下降',
        'Ability to do their formerly skilled mental or manual work has declined somewhat',
      ],
      [
        2,
        '原来熟练的脑力工作或体力技巧性工作明显不如以往，部分遗忘',
        'Formerly skilled mental or manual work is clearly worse than before; partly forgotten',
      ],
      [
        3,
        '对熟练工作只有一些片段保留，技能全部遗忘',
        'Only fragments of formerly skilled work remain; the skills are all forgotten',
      ],
      [4, '对以往的知识或技能全部磨灭', 'Former knowledge and skills are completely lost'],
    ]),
  ),
  item(
    'B.4.3',
    SOCIAL,
    { zh: '时间/空间定向', en: 'Orientation to time and place' },
    scored([
      [
        0,
        '时间观念（年、月、日、时）清楚；可单独出远门，能很快掌握新环境的方位',
        'Clear sense of time (year, month, day, hour); can travel far alone and quickly finds their way in new places',
      ],
      [
        1,
        '时间观念有些下降，年、月、日清楚，但有时相差几天；可单独来往于近街，知道现住地的名称和方位，但不知回家路线',
        'Sense of time somewhat reduced: knows the year, month and day but is sometimes off by a few days; can go to nearby streets alone and knows the name and location of their home, but not the way back',
      ],
      [
        2,
        '时间观念较差，年、月、日不清楚，可知上半年或下半年；只能单独在家附近行动，对现住地只知名称，不知道方位',
        'Poor sense of time: unsure of the year, month and day but knows the half of the year; moves about alone only near home; knows the name of where they live but not its location',
      ],
      [
        3,
        '时间观念很差，年、月、日不清楚，可知上午或下午；只能在左邻右舍间串门，对现住地不知名称和方位',
        'Very poor sense of time: unsure of the year, month and day but knows morning or afternoon; can only visit next-door neighbours; knows neither the name nor the location of where they live',
      ],
      [4, '无时间观念；不能单独外出', 'No sense of time; cannot go out alone'],
    ]),
  ),
  item(
    'B.4.4',
    SOCIAL,
    { zh: '人物定向', en: 'Orientation to people' },
    scored([
      [
        0,
        '知道周围人们的关系，知道祖孙、叔伯、姑姨、侄子侄女等称谓的意义；可分辨陌生人的大致年龄和身份，可用适当称呼',
        'Knows how the people around them are related and what kinship terms (grandparent, uncle, aunt, nephew, niece, etc.) mean; can tell the rough age and status of strangers and address them properly',
      ],
      [
        1,
        '只知家中亲密近亲的关系，不会分辨陌生人的大致年龄，不能称呼陌生人',
        'Knows only the relationships within the close family; cannot tell the rough age of strangers or address them',
      ],
      [
        2,
        '只能称呼家中人，或只能照样称呼，不知其关系，不辨辈分',
        'Can only address family members, or only repeats forms of address, without knowing the relationships or generations',
      ],
      [
        3,
        '只认识常同住的亲人，可称呼子女或孙子女，可辨熟人和生人',
        'Recognises only the relatives they usually live with; can address children or grandchildren; can tell acquaintances from strangers',
      ],
      [
        4,
        '只认识保护人，不辨熟人和生人',
        'Recognises only their guardian; cannot tell acquaintances from strangers',
      ],
    ]),
  ),
  item(
    'B.4.5',
    SOCIAL,
    { zh: '社会交往能力', en: 'Social interaction' },
    scored([
      [
        0,
        '参与社会，在社会环境有一定的适应能力，待人接物恰当',
        'Takes part in social life, adapts reasonably well to social settings and deals with people appropriately',
      ],
      [
        1,
        '能适应单纯环境，主动接触人，初见面时难让人发现智力问题，不能理解隐喻语',
        'Adapts to simple settings and approaches others; cognitive problems are hard to notice at a first meeting; cannot understand figurative language',
      ],
      [
        2,
        '脱离社会，可被动接触，不会主动待人，谈话中很多不适词句，容易上当受骗',
        'Withdrawn from social life; responds to contact but does not seek it; says many inappropriate things in conversation; easily deceived',
      ],
      [
        3,
        '勉强可与人交往，谈吐内容不清楚，表情不恰当',
        'Can barely interact with others; speech is unclear and facial expressions inappropriate',
      ],
      [4, '难以与人接触', 'Hard to make contact with others'],
    ]),
  ),
];

const codesOf = (dimension: string) => ITEMS.filter((i) => i.dimension === dimension).map((i) => i.code);

// MZ/T 039-2013 分级 0–3 (STANDARDS.md §2.3).
const DIMENSION_GRADES: readonly GradeDefinition[] = [
  { code: 0, zh: '能力完好', en: 'Intact' },
  { code: 1, zh: '轻度受损', en: 'Mildly impaired' },
  { code: 2, zh: '中度受损', en: 'Moderately impaired' },
  { code: 3, zh: '重度受损', en: 'Severely impaired' },
];

/**
 * MZ/T 039-2013 老年人能力等级 by (ADL, 精神状态, 感知觉与沟通, 社会参与) grades:
 * row = ADL grade, character at 16·M + 4·S + P = level. Transcribed from
 * STANDARDS.md §2.4, which resolves the rule text's 9 gaps and 60 overlaps
 * deterministically ("most severe matching rule") [D]; the official 判定卡 was
 * not available.
 */
export const MZT_039_COMBINATION_TABLE: readonly string[] = [
  '0011111111111111111111111111111111111111111111111111111111111111',
  '1112111211122222111211121112222211121112112222222222222222222222',
  '2223222322233333222322232223333322232223223333333333333333333333',
  '3333333333333333333333333333333333333333333333333333333333333333',
];

// MZ/T 039-2013 等级判定 (STANDARDS.md §2.4): look the four grades up in the table.
const deriveInitialLevel: InitialLevelRule = ({ dimensions }) => {
  const grade = (code: string) => dimensions.find((d) => d.code === code)?.grade ?? null;
  const [adl, m, s, p] = [grade(ADL), grade(MENTAL), grade(SENSORY), grade(SOCIAL)];
  if (adl === null || m === null || s === null || p === null) {
    return { available: false, reasonCode: 'assessment.level_incomplete' };
  }
  const level = MZT_039_COMBINATION_TABLE[adl]?.charAt(16 * m + 4 * s + p);
  return level
    ? { available: true, level: Number(level) }
    : { available: false, reasonCode: 'assessment.level_incomplete' };
};

const RISK_EVENT_TYPES = [
  { code: 'fall', zh: '跌倒', en: 'Fall' },
  { code: 'wandering', zh: '走失', en: 'Wandering off / getting lost' },
  { code: 'choking', zh: '噎食', en: 'Choking' },
  { code: 'suicide', zh: '自杀', en: 'Suicide' },
] as const;

const OCCURRENCES = choices([
  ['0', '无', { en: 'None' }],
  ['1', '发生过1次', { en: 'Once' }],
  ['2', '发生过2次', { en: 'Twice' }],
  ['3', '发生过3次及以上', { en: '3 times or more' }],
]);

// MZ/T 039-2013 Appendix A (STANDARDS.md §2.6 [V]). A.2.1–A.2.12 are numbered in the order §2.6
// lists them. Where §2.6 gives no option list the field is free text until the list is checked.
const UNVERIFIED_OPTIONS = '选项未核实（STANDARDS.md §2.6 未列出）';
const BASIC_INFO_FORM: readonly FormSection[] = [
  {
    code: 'A.1',
    zh: '评估基本信息',
    en: 'Assessment information',
    fields: [
      {
        code: 'A.1.1',
        zh: '评估编号',
        en: 'Assessment number',
        type: 'text',
        unique: true,
        verification: 'V',
      },
      { code: 'A.1.2', zh: '评估基准日期', en: 'Reference date', type: 'date', verification: 'V' },
      {
        code: 'A.1.3',
        zh: '评估原因',
        en: 'Reason for assessment',
        type: 'single',
        options: choices([
          ['initial', '接受服务前初评', { en: 'Initial assessment before services start' }],
          ['routine', '接受服务后的常规评估', { en: 'Routine assessment after services start' }],
          [
            'immediate',
            '状况发生变化后的即时评估',
            { en: 'Immediate assessment after a change in condition' },
          ],
          [
            'dispute_review',
            '因评估结果有疑问进行的复评',
            { en: 'Reassessment after the result was questioned' },
          ],
        ]),
        verification: 'V',
      },
    ],
  },
  {
    code: 'A.2',
    zh: '被评估者的基本信息',
    en: 'Basic information of the older person',
    fields: [
      { code: 'A.2.1', zh: '姓名', en: 'Name', type: 'text', verification: 'V' },
      {
        code: 'A.2.2',
        zh: '性别',
        en: 'Sex',
        type: 'single',
        options: choices([
          ['male', '男', { en: 'Male' }],
          ['female', '女', { en: 'Female' }],
        ]),
        verification: 'V',
      },
      { code: 'A.2.3', zh: '出生日期', en: 'Date of birth', type: 'date', verification: 'V' },
      { code: 'A.2.4', zh: '身份证号', en: 'ID number', type: 'id_number', verification: 'V' },
      { code: 'A.2.5', zh: '社保卡号', en: 'Social security card number', type: 'text', verification: 'V' },
      {
        code: 'A.2.6',
        zh: '民族',
        en: 'Ethnic group',
        type: 'text',
        help: UNVERIFIED_OPTIONS,
        verification: 'P',
      },
      {
        code: 'A.2.7',
        zh: '文化程度',
        en: 'Education',
        type: 'text',
        help: UNVERIFIED_OPTIONS,
        verification: 'P',
      },
      {
        code: 'A.2.8',
        zh: '宗教信仰',
        en: 'Religion',
        type: 'text',
        help: UNVERIFIED_OPTIONS,
        verification: 'P',
      },
      {
        code: 'A.2.9',
        zh: '婚姻状况',
        en: 'Marital status',
        type: 'text',
        help: UNVERIFIED_OPTIONS,
        verification: 'P',
      },
      {
        code: 'A.2.10',
        zh: '居住情况',
        en: 'Living arrangement',
        type: 'text',
        help: UNVERIFIED_OPTIONS,
        verification: 'P',
      },
      {
        code: 'A.2.11',
        zh: '医疗费用支付方式',
        en: 'Payment of medical costs',
        type: 'multi',
        options: choices([
          ['employee_basic', '城镇职工基本医疗保险', { en: 'Basic medical insurance for urban employees' }],
          [
            'urban_resident_basic',
            '城镇居民基本医疗保险',
            { en: 'Basic medical insurance for urban residents' },
          ],
          ['new_rural_cooperative', '新型农村合作医疗', { en: 'New rural cooperative medical scheme' }],
          ['poverty_relief', '贫困救助', { en: 'Poverty relief' }],
          ['commercial', '商业医疗保险', { en: 'Commercial health insurance' }],
          ['fully_public', '全公费', { en: 'Fully publicly funded' }],
          ['fully_self_paid', '全自费', { en: 'Fully self-paid' }],
          ['other', '其他', { en: 'Other' }],
        ]),
        verification: 'V',
      },
      {
        code: 'A.2.12',
        zh: '经济来源',
        en: 'Sources of income',
        type: 'multi',
        options: choices([
          ['pension', '退休金/养老金', { en: 'Retirement pension' }],
          ['children_support', '子女补贴', { en: 'Support from children' }],
          ['relatives_support', '亲友资助', { en: 'Support from relatives or friends' }],
          ['other_subsidy', '其他补贴', { en: 'Other subsidies' }],
        ]),
        verification: 'V',
      },
      {
        code: 'A.2.13.1',
        zh: '疾病诊断：痴呆',
        en: 'Diagnosis: dementia',
        type: 'single',
        options: choices([
          ['0', '无', { en: 'None' }],
          ['1', '轻度', { en: 'Mild' }],
          ['2', '中度', { en: 'Moderate' }],
          ['3', '重度', { en: 'Severe' }],
        ]),
        feeds: 'context.dementiaOrPsychiatricDiagnosis',
        verification: 'V',
      },
      {
        code: 'A.2.13.2',
        zh: '疾病诊断：精神疾病',
        en: 'Diagnosis: mental illness',
        type: 'single',
        options: choices([
          ['none', '无', { en: 'None' }],
          ['schizophrenia', '精神分裂症', { en: 'Schizophrenia' }],
          ['bipolar', '双相情感障碍', { en: 'Bipolar disorder' }],
          ['paranoid', '偏执性精神障碍', { en: 'Paranoid disorder' }],
          ['schizoaffective', '分裂情感性障碍', { en: 'Schizoaffective disorder' }],
          ['epilepsy_related', '癫痫所致精神障碍', { en: 'Mental disorder due to epilepsy' }],
          [
            'retardation_related',
            '精神发育迟滞伴发精神障碍',
            { en: 'Mental disorder with intellectual disability' },
          ],
        ]),
        feeds: 'context.dementiaOrPsychiatricDiagnosis',
        verification: 'V',
      },
      {
        code: 'A.2.13.3',
        zh: '疾病诊断：慢性疾病',
        en: 'Diagnosis: chronic diseases',
        type: 'textarea',
        verification: 'V',
      },
      {
        code: 'A.2.14',
        zh: '近30天内意外事件',
        en: 'Accidents in the past 30 days',
        type: 'matrix',
        rows: RISK_EVENT_TYPES.map(({ code, zh, en }) => ({ value: code, zh, en })),
        options: OCCURRENCES,
        feeds: 'context.careRiskEventsLast30Days',
        verification: 'V',
      },
      {
        code: 'A.2.14.other',
        zh: '近30天内意外事件：其他',
        en: 'Other accidents in the past 30 days',
        type: 'text',
        help: '不计入等级变更条款 2',
        verification: 'V',
      },
    ],
  },
  {
    code: 'A.3',
    zh: '信息提供者及联系人信息',
    en: 'Informant and contact person',
    fields: [
      { code: 'A.3.1', zh: '信息提供者的姓名', en: 'Name of the informant', type: 'text', verification: 'V' },
      {
        code: 'A.3.2',
        zh: '信息提供者与老人的关系',
        en: 'Relationship of the informant to the older person',
        type: 'single',
        options: choices([
          ['spouse', '配偶', { en: 'Spouse' }],
          ['child', '子女', { en: 'Child' }],
          ['other_relative', '其他亲属', { en: 'Other relative' }],
          ['hired_caregiver', '雇佣照顾者', { en: 'Hired carer' }],
          ['other', '其他', { en: 'Other' }],
        ]),
        verification: 'V',
      },
      { code: 'A.3.3', zh: '联系人姓名', en: 'Contact name', type: 'text', verification: 'V' },
      { code: 'A.3.4', zh: '联系人电话', en: 'Contact phone', type: 'phone', verification: 'V' },
    ],
  },
];

const gradeEntry = (code: string, zh: string, en: string, dimension: string) => ({
  code,
  zh,
  en,
  source: { kind: 'dimension_grade', dimension } as const,
});

export const MZT_039_2013: AssessmentStandard = {
  standardCode: CODE,
  revision: 1,
  zh: '老年人能力评估',
  en: 'Ability assessment for older adults',
  itemsClause: `${CODE} 附录 B`,
  dimensions: [
    {
      code: ADL,
      zh: '日常生活活动',
      en: 'Activities of daily living',
      itemCodes: codesOf(ADL),
      scoring: 'sum',
      maxScore: 100,
      polarity: 'higher_is_better',
      // MZ/T 039-2013 B.1 分级; sums are multiples of 5, so the bands are exhaustive.
      grading: {
        kind: 'bands',
        grades: DIMENSION_GRADES,
        bands: [
          { grade: 0, min: 100, max: 100 },
          { grade: 1, min: 65, max: 95 },
          { grade: 2, min: 45, max: 60 },
          { grade: 3, min: 0, max: 40 },
        ],
      },
    },
    {
      code: MENTAL,
      zh: '精神状态',
      en: 'Mental status',
      itemCodes: codesOf(MENTAL),
      scoring: 'sum',
      maxScore: 6,
      polarity: 'higher_is_worse',
      // MZ/T 039-2013 B.2 分级
      grading: {
        kind: 'bands',
        grades: DIMENSION_GRADES,
        bands: [
          { grade: 0, min: 0, max: 0 },
          { grade: 1, min: 1, max: 1 },
          { grade: 2, min: 2, max: 3 },
          { grade: 3, min: 4, max: 6 },
        ],
      },
    },
    {
      code: SENSORY,
      zh: '感知觉与沟通',
      en: 'Perception and communication',
      itemCodes: codesOf(SENSORY),
      scoring: 'rule',
      maxScore: null,
      polarity: 'higher_is_worse',
      // MZ/T 039-2013 B.3 分级, evaluated severe-first (STANDARDS.md §2.3 [D]).
      grading: {
        kind: 'rules',
        grades: DIMENSION_GRADES,
        rules: [
          {
            grade: 3,
            anyOf: [
              { item: 'B.3.1', atLeast: 2 },
              { item: 'B.3.2', atLeast: 4 },
              { item: 'B.3.3', atLeast: 4 },
              { item: 'B.3.4', atLeast: 3 },
            ],
          },
          {
            grade: 2,
            anyOf: [
              { item: 'B.3.1', atLeast: 1 },
              { item: 'B.3.2', atLeast: 3 },
              { item: 'B.3.3', atLeast: 3 },
              { item: 'B.3.4', atLeast: 2 },
            ],
          },
          {
            grade: 1,
            anyOf: [
              { item: 'B.3.2', atLeast: 2 },
              { item: 'B.3.3', atLeast: 2 },
              { item: 'B.3.4', atLeast: 1 },
            ],
          },
        ],
        otherwise: 0,
      },
    },
    {
      code: SOCIAL,
      zh: '社会参与',
      en: 'Social participation',
      itemCodes: codesOf(SOCIAL),
      scoring: 'sum',
      maxScore: 20,
      polarity: 'higher_is_worse',
      // MZ/T 039-2013 B.4 分级
      grading: {
        kind: 'bands',
        grades: DIMENSION_GRADES,
        bands: [
          { grade: 0, min: 0, max: 2 },
          { grade: 1, min: 3, max: 7 },
          { grade: 2, min: 8, max: 13 },
          { grade: 3, min: 14, max: 20 },
        ],
      },
    },
  ],
  items: ITEMS,
  total: null,
  levels: [
    { code: 0, zh: '能力完好', zhShort: '能力完好', en: 'Intact ability' },
    { code: 1, zh: '轻度失能', zhShort: '轻度失能', en: 'Mild disability' },
    { code: 2, zh: '中度失能', zhShort: '中度失能', en: 'Moderate disability' },
    { code: 3, zh: '重度失能', zhShort: '重度失能', en: 'Severe disability' },
  ],
  deriveInitialLevel,
  // MZ/T 039-2013 等级变更条款 (STANDARDS.md §2.5), in the standard's order.
  changeRules: [
    {
      code: 'dementia_or_psychiatric',
      clause: `${CODE} 等级变更条款 1`,
      reasonCode: 'assessment.rule.dementia_or_psychiatric',
      zh: '有认知障碍/痴呆、精神疾病者，在原有能力级别上提高一个等级',
      en: 'Cognitive impairment/dementia or mental illness: raise the level by one',
      anyOf: [{ kind: 'context_flag', flag: 'dementiaOrPsychiatricDiagnosis', source: 'A.2.13' }],
      effect: { kind: 'raise', by: 1 },
      verification: 'V',
    },
    {
      code: 'risk_events',
      clause: `${CODE} 等级变更条款 2`,
      reasonCode: 'assessment.rule.risk_events',
      zh: '近30天内发生过2次及以上跌倒、噎食、自杀、走失者，在原有能力级别上提高一个等级',
      en: 'Two or more falls, choking, suicide attempts or wandering off in the past 30 days: raise the level by one',
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
    {
      code: 'coma',
      clause: `${CODE} 等级变更条款 3`,
      reasonCode: 'assessment.rule.coma',
      zh: '处于昏迷状态者，直接评定为重度失能',
      en: 'A person in a coma is rated as severe disability',
      anyOf: [
        { kind: 'option_flag', item: 'B.3.1', flag: 'coma', source: 'B.3.1' },
        { kind: 'context_flag', flag: 'comaOrVegetative', source: 'context' },
      ],
      effect: { kind: 'set_level', level: 3 },
      verification: 'V',
    },
  ],
  // MZ/T 039-2013 等级变更条款 4: an initial level of 3 is final; clauses 1–3 do not apply.
  changePolicy: { maxLevel: 3, freezeFromLevel: 3, freezeClause: `${CODE} 等级变更条款 4` },
  // MZ/T 039-2013 B.3.1: "若评定为昏迷……可不进行以下项目的评估".
  skipRules: [
    {
      item: 'B.3.1',
      flag: 'coma',
      skippable: ITEMS.slice(ITEMS.findIndex((i) => i.code === 'B.3.1') + 1).map((i) => i.code),
      clause: `${CODE} B.3.1`,
    },
  ],
  riskEventTypes: RISK_EVENT_TYPES,
  basicInfoForm: BASIC_INFO_FORM,
  // MZ/T 039-2013 Appendix C (STANDARDS.md §2.6).
  report: {
    zh: '老年人能力评估报告',
    en: 'Ability assessment report',
    sections: [
      {
        code: 'C.1',
        zh: '一级指标分级',
        en: 'Dimension grades',
        entries: [
          gradeEntry('C.1.1', '日常生活活动', 'Activities of daily living', ADL),
          gradeEntry('C.1.2', '精神状态', 'Mental status', MENTAL),
          gradeEntry('C.1.3', '感知觉与沟通', 'Perception and communication', SENSORY),
          gradeEntry('C.1.4', '社会参与', 'Social participation', SOCIAL),
        ],
      },
      {
        code: 'C.2',
        zh: '老年人能力初步等级',
        en: 'Initial ability level',
        entries: [
          {
            code: 'C.2',
            zh: '老年人能力初步等级',
            en: 'Initial ability level',
            source: { kind: 'initial_level' },
          },
        ],
      },
      {
        code: 'C.3',
        zh: '等级变更条款',
        en: 'Level-change clauses',
        entries: [
          { code: 'C.3', zh: '等级变更条款', en: 'Level-change clauses', source: { kind: 'change_rules' } },
        ],
      },
      {
        code: 'C.4',
        zh: '老年人能力最终等级',
        en: 'Final ability level',
        entries: [
          {
            code: 'C.4',
            zh: '老年人能力最终等级',
            en: 'Final ability level',
            source: { kind: 'final_level' },
          },
        ],
      },
    ],
    signatures: [
      {
        role: 'assessor',
        zh: '评估员签名',
        en: 'Assessor signature',
        count: 2,
        dated: true,
        verification: 'V',
      },
      {
        role: 'informant',
        zh: '信息提供者签名',
        en: 'Informant signature',
        count: 1,
        dated: true,
        verification: 'V',
      },
    ],
  },
};
