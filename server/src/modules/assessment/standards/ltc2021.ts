/**
 * 长期护理失能等级评估标准（试行）, 2021 (STANDARDS.md §3). Only the structure,
 * items and item scores are verified (§3.1–§3.2 [V]). The dimension thresholds
 * and the combination matrix are recalled only (§3.3 [R]), so they are NOT
 * encoded: item and dimension scores are computed, and the engine refuses to
 * derive a level (`assessment.level_unavailable`).
 *
 * Item numbering (1.1–3.3) and the full option wording follow gh:53298398311 and
 * gh:63292745743, the sources §3.2 cites; options are listed best first.
 */
import { item, scored } from './options.ts';
import type { AssessmentItem, AssessmentStandard, InitialLevelRule } from './types.ts';

const CODE = 'LTC-2021';

const ADL = '1';
const COGNITION = '2';
const PERCEPTION = '3';

const ITEMS: readonly AssessmentItem[] = [
  // 日常生活活动能力 (0–100)
  item(
    '1.1',
    ADL,
    { zh: '进食', en: 'Feeding' },
    scored([
      [
        10,
        '自理（在合理时间内能独立使用餐具进食各种食物，可使用辅助工具独立完成进食，但不包括做饭）',
        'Independent (eats all kinds of food with utensils in a reasonable time, possibly using aids; cooking not included)',
      ],
      [5, '需部分帮助（夹菜、盛饭）', 'Needs some help (picking up food, serving rice)'],
      [0, '较大或完全依赖，或有留置营养管', 'Largely or fully dependent, or has a feeding tube'],
    ]),
  ),
  item(
    '1.2',
    ADL,
    { zh: '穿衣', en: 'Dressing' },
    scored([
      [
        10,
        '自理（自己系开纽扣，关开拉链和穿鞋、袜、假肢或矫形器等）',
        'Independent (does up and undoes buttons and zips; puts on shoes, socks, prostheses, orthoses, etc.)',
      ],
      [
        5,
        '需要部分帮助（能自己穿脱衣服或假肢或矫形器，但需要他人帮助整理衣物，系扣/鞋带、拉拉链等）',
        'Needs some help (puts on and takes off clothes, prostheses or orthoses alone, but needs help straightening clothes, doing buttons/laces, zips, etc.)',
      ],
      [0, '依赖他人', 'Dependent on others'],
    ]),
  ),
  item(
    '1.3',
    ADL,
    { zh: '面部与口腔清洁', en: 'Face and mouth hygiene' },
    scored([
      [
        5,
        '独立洗脸、梳头、刷牙、剃须（不包括准备洗脸水、梳子、牙刷等准备工作）',
        'Washes face, combs hair, brushes teeth and shaves alone (preparing water, comb, toothbrush, etc. not included)',
      ],
      [0, '需要帮助', 'Needs help'],
    ]),
  ),
  item(
    '1.4',
    ADL,
    { zh: '大便控制', en: 'Bowel control' },
    scored([
      [10, '能控制', 'Has control'],
      [
        5,
        '偶有失禁（每周＜1次）或需要他人提示或便秘需要人工帮助取便',
        'Occasional incontinence (<1 a week), or needs reminders, or constipation needing manual removal of stool',
      ],
      [
        0,
        '失禁（平均每周≥1次或完全不能控制大便排泄，需要完全依赖他人）',
        'Incontinent (on average ≥1 a week, or no bowel control at all and fully dependent on others)',
      ],
    ]),
  ),
  item(
    '1.5',
    ADL,
    { zh: '小便控制', en: 'Bladder control' },
    scored([
      [
        10,
        '能控制（或留置导尿管，可自行管理导尿管）',
        'Has control (or has an indwelling catheter and manages it alone)',
      ],
      [
        5,
        '偶有失禁（每24h＜1次，但每周＞1次），或需要他人提示',
        'Occasional incontinence (<1 per 24 h but >1 a week), or needs reminders',
      ],
      [
        0,
        '失禁（平均每天≥1次或经常尿失禁，完全需要他人帮忙完成排尿行为；或留置导尿管，但无法自行管理导尿管）',
        'Incontinent (on average ≥1 a day or frequently, and fully needs help to urinate; or has an indwelling catheter but cannot manage it alone)',
      ],
    ]),
  ),
  item(
    '1.6',
    ADL,
    { zh: '用厕', en: 'Toileting' },
    scored([
      [
        10,
        '自理（能够使用厕纸、穿脱裤子等）',
        'Independent (uses toilet paper, pulls trousers up and down, etc.)',
      ],
      [
        5,
        '需部分帮助（需他人帮忙整理衣裤、坐上/蹲上便器等）',
        'Needs some help (adjusting clothes, sitting on or squatting over the toilet, etc.)',
      ],
      [0, '需要极大地帮助或完全依赖他人', 'Needs a great deal of help or fully dependent on others'],
    ]),
  ),
  item(
    '1.7',
    ADL,
    { zh: '平地行走', en: 'Walking on level ground' },
    scored([
      [
        15,
        '独立步行（自行使用辅助工具，在家及附近等日常生活活动范围内独立步行）',
        'Walks independently (using aids alone) at home, nearby and within their daily range',
      ],
      [
        10,
        '需少量帮助（需1人搀扶或需他人在旁提示或在他人帮助下使用辅助工具）',
        'Needs a little help (support from 1 person, prompting from someone beside them, or help using aids)',
      ],
      [
        5,
        '在较大程度上依赖他人搀扶（≥2人）或依赖他人帮助使用轮椅等辅助工具才能移动',
        'Relies largely on support from others (≥2 people) or on help with a wheelchair or other aid to move',
      ],
      [0, '卧床不起、不能步行、移动需要完全帮助', 'Bedridden, cannot walk, needs full help to move'],
    ]),
  ),
  item(
    '1.8',
    ADL,
    { zh: '床椅转移', en: 'Bed–chair transfer' },
    scored([
      [15, '自理', 'Independent'],
      [
        10,
        '需少量帮助（1人搀扶或使用拐杖等辅助工具或扶着墙、周围设施，转移时需他人在旁监护、提示）',
        'Needs a little help (support from 1 person, a cane or other aid, or holding the wall or furniture; needs supervision or prompting during the transfer)',
      ],
      [
        5,
        '需大量帮助（至少2人，身体帮助），能坐',
        'Needs a lot of help (physical help from at least 2 people); can sit',
      ],
      [0, '完全依赖他人，不能坐', 'Fully dependent on others; cannot sit'],
    ]),
  ),
  item(
    '1.9',
    ADL,
    { zh: '上下楼', en: 'Stairs' },
    scored([
      [
        10,
        '独立上下楼（可借助电梯等，如果使用支具，需可独自完成穿、脱动作）',
        'Goes up and down stairs independently (may use a lift, etc.; a brace, if used, is put on and taken off alone)',
      ],
      [
        5,
        '需要部分帮助（需扶着楼梯、他人搀扶、使用拐杖或需他人在旁提示）',
        'Needs some help (holding the handrail, support from others, a cane, or prompting from someone beside them)',
      ],
      [
        0,
        '不能，或需极大帮助或完全依赖他人',
        'Cannot, or needs a great deal of help or fully dependent on others',
      ],
    ]),
  ),
  item(
    '1.10',
    ADL,
    { zh: '洗澡', en: 'Bathing' },
    scored([
      [5, '准备好洗澡水后，可自己独立完成', 'Bathes on their own once the bath water is ready'],
      [0, '洗澡过程中需他人帮助', 'Needs help while bathing'],
    ]),
  ),

  // 认知能力 (0–16, higher = better)
  item(
    '2.1',
    COGNITION,
    { zh: '时间定向', en: 'Orientation to time' },
    scored([
      [
        4,
        '时间观念（年、月）清楚，日期（或星期几）可相差一天',
        'Clear sense of time (year, month); the date (or weekday) may be off by one day',
      ],
      [
        3,
        '时间观念有些下降，年、月、日（或星期几）不能全部分清（相差两天或以上）',
        'Sense of time somewhat reduced; cannot tell the year, month and date (or weekday) all correctly (off by two days or more)',
      ],
      [
        2,
        '时间观念较差，年、月、日不清楚，可知上半年或下半年或季节',
        'Poor sense of time; unsure of the year, month and date, but knows the half of the year or the season',
      ],
      [
        1,
        '时间观念很差，年、月、日不清楚，可知上午、下午或白天、夜间',
        'Very poor sense of time; unsure of the year, month and date, but knows morning or afternoon, or day or night',
      ],
      [0, '无时间观念', 'No sense of time'],
    ]),
  ),
  item(
    '2.2',
    COGNITION,
    { zh: '人物定向', en: 'Orientation to people' },
    scored([
      [
        4,
        '认识长期共同一起生活的人，能称呼并知道关系',
        'Recognises the people they have long lived with; can address them and knows the relationship',
      ],
      [
        3,
        '能认识大部分共同生活居住的人，能称呼或知道关系',
        'Recognises most of the people they live with; can address them or knows the relationship',
      ],
      [
        2,
        '能认识一半日常同住的亲人或照护者等，能称呼或知道关系等',
        'Recognises half of the relatives or carers they live with; can address them or knows the relationship',
      ],
      [
        1,
        '只认识自己或极少数日常同住的亲人或照护者等',
        'Recognises only themselves or very few of the relatives or carers they live with',
      ],
      [0, '不认识任何人（包括自己）', 'Recognises no one (including themselves)'],
    ]),
  ),
  item(
    '2.3',
    COGNITION,
    { zh: '空间定向', en: 'Orientation to place' },
    scored([
      [
        4,
        '能在日常生活范围内单独外出，如在日常居住小区内独自外出购物等',
        'Goes out alone within their usual area, e.g. shopping alone in their neighbourhood',
      ],
      [
        3,
        '不能单独外出，但能准确知道自己日常生活所在地的地址',
        'Cannot go out alone but knows the address of where they live accurately',
      ],
      [
        2,
        '不能单独外出，但知道较多有关自己日常生活的地址',
        'Cannot go out alone but knows many of the addresses of their daily life',
      ],
      [
        1,
        '不能单独外出，少量知道自己居住或生活所在地的地址',
        'Cannot go out alone; knows little of the address of where they live',
      ],
      [0, '不能单独外出，无空间观念', 'Cannot go out alone; no sense of place'],
    ]),
  ),
  item(
    '2.4',
    COGNITION,
    { zh: '记忆力', en: 'Memory' },
    scored([
      [4, '能够完整回忆既往事物，记住3个词语', 'Recalls past events completely; remembers 3 words'],
      [3, '能回忆大部分既往事物，记住2个词语', 'Recalls most past events; remembers 2 words'],
      [2, '能回忆大部分既往事物，记住1个词语', 'Recalls most past events; remembers 1 word'],
      [
        1,
        '对既往事物能有少部分正确的回忆，没有近期记忆',
        'Recalls only a small part of past events correctly; no recent memory',
      ],
      [
        0,
        '完全不能回忆即时信息，并且完全不能对既往事物进行正确的回忆',
        'Cannot recall immediate information at all, nor correctly recall anything from the past',
      ],
    ]),
  ),

  // 感知觉与沟通能力 (0–12, higher = better)
  item(
    '3.1',
    PERCEPTION,
    { zh: '视力', en: 'Vision' },
    scored([
      [
        4,
        '与日常生活能力相关的视力（如阅读书报、看电视等）基本正常',
        'Vision for daily activities (e.g. reading, watching TV) basically normal',
      ],
      [
        3,
        '能看清楚大字体，但看不清书报上的标准字体，辨别小物体有一定困难',
        'Can read large print but not standard print in books and newspapers; some difficulty making out small objects',
      ],
      [
        2,
        '视力有限，看不清报纸大标题，但能辨认较大的物体',
        'Limited vision; cannot read newspaper headlines but can recognise larger objects',
      ],
      [
        1,
        '只能看到光、颜色和形状（大致轮廓），眼睛可随物体移动',
        'Sees only light, colours and shapes (rough outlines); the eyes can follow moving objects',
      ],
      [0, '完全失明', 'Completely blind'],
    ]),
  ),
  item(
    '3.2',
    PERCEPTION,
    { zh: '听力', en: 'Hearing' },
    scored([
      [
        4,
        '与日常生活习惯相关的听力基本正常（如能听到门铃、电视、电话等声音）',
        'Hearing for daily activities basically normal (e.g. hears the doorbell, TV, telephone)',
      ],
      [3, '在轻声说话或说话距离超过2米时听不清', 'Cannot hear soft speech or speech more than 2 m away'],
      [
        2,
        '正常交流有些困难，需在安静的环境大声说话才能听到',
        'Some difficulty in normal conversation; hears only when people speak loudly in a quiet place',
      ],
      [
        1,
        '讲话者大声说话或说话很慢，才能部分听见',
        'Hears only partly when the speaker talks loudly or very slowly',
      ],
      [0, '完全失聪', 'Completely deaf'],
    ]),
  ),
  item(
    '3.3',
    PERCEPTION,
    { zh: '沟通能力', en: 'Communication' },
    scored([
      [4, '无困难，能与他人正常沟通和交流', 'No difficulty; communicates with others normally'],
      [
        3,
        '能够表达自己的需要或理解他人的话，但需要增加时间或给予帮助',
        'Can express their needs or understand others, but needs more time or help',
      ],
      [
        2,
        '勉强可与他人交流，谈吐内容不清楚，需频繁重复或简化口头表达',
        'Can barely communicate with others; speech is unclear; needs frequent repetition or simpler speech',
      ],
      [
        1,
        '不能完全理解他人的话，只能以简单的单词或手势表达大概意愿',
        'Cannot fully understand others; expresses rough wishes only with simple words or gestures',
      ],
      [
        0,
        '完全不能理解他人的言语，也无法表达',
        'Cannot understand what others say at all, nor express themselves',
      ],
    ]),
  ),
];

const codesOf = (dimension: string) => ITEMS.filter((i) => i.dimension === dimension).map((i) => i.code);

// STANDARDS.md §3.3 [R]: the combination table is unverified — never derive a level.
const deriveInitialLevel: InitialLevelRule = () => ({
  available: false,
  reasonCode: 'assessment.level_unavailable',
});

export const LTC_2021: AssessmentStandard = {
  standardCode: CODE,
  revision: 1,
  zh: '长期护理失能等级评估标准（试行）',
  en: 'Long-term care disability level assessment standard (trial)',
  itemsClause: `${CODE} 附件1`,
  dimensions: [
    {
      code: ADL,
      zh: '日常生活活动能力',
      en: 'Activities of daily living',
      itemCodes: codesOf(ADL),
      scoring: 'sum',
      maxScore: 100,
      polarity: 'higher_is_better',
    },
    {
      code: COGNITION,
      zh: '认知能力',
      en: 'Cognition',
      itemCodes: codesOf(COGNITION),
      scoring: 'sum',
      maxScore: 16,
      polarity: 'higher_is_better',
    },
    {
      code: PERCEPTION,
      zh: '感知觉与沟通能力',
      en: 'Perception and communication',
      itemCodes: codesOf(PERCEPTION),
      scoring: 'sum',
      maxScore: 12,
      polarity: 'higher_is_better',
    },
  ],
  items: ITEMS,
  total: null,
  // STANDARDS.md §3.1 [V]: six levels.
  levels: [
    { code: 0, zh: '基本正常', zhShort: '基本正常', en: 'Basically normal' },
    { code: 1, zh: '轻度失能', zhShort: '轻度失能', en: 'Mild disability' },
    { code: 2, zh: '中度失能', zhShort: '中度失能', en: 'Moderate disability' },
    { code: 3, zh: '重度失能Ⅰ级', zhShort: '重度失能Ⅰ级', en: 'Severe disability, grade I' },
    { code: 4, zh: '重度失能Ⅱ级', zhShort: '重度失能Ⅱ级', en: 'Severe disability, grade II' },
    { code: 5, zh: '重度失能Ⅲ级', zhShort: '重度失能Ⅲ级', en: 'Severe disability, grade III' },
  ],
  deriveInitialLevel,
  changeRules: [],
  changePolicy: { maxLevel: 5 },
  skipRules: [],
  riskEventTypes: [],
  basicInfoForm: [],
  report: null,
};
