/**
 * GB/T 42195-2022 老年人能力评估规范 — items, levels, change rules, Appendix A
 * fields and the Appendix C report, as data (STANDARDS.md §1). Higher scores
 * mean better ability on every item; the total is 0–90.
 */
import { ETHNIC_GROUPS } from '@yiyang/contracts';
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
      [
        4,
        '独立使用器具将食物送进口中并咽下，没有呛咳',
        'Uses utensils to put food in the mouth and swallows it alone; no choking',
      ],
      [
        3,
        '在他人指导或提示下完成，或独立使用辅具，没有呛咳',
        'Eats with guidance or prompting, or uses assistive devices alone; no choking',
      ],
      [
        2,
        '进食中至少需要少量接触式协助，偶尔（每月一次及以上）呛咳',
        'Needs at least a little hands-on help while eating; occasional choking (once a month or more)',
      ],
      [
        1,
        '在进食中需要大量接触式协助，经常（每周一次及以上）呛咳',
        'Needs a lot of hands-on help while eating; frequent choking (once a week or more)',
      ],
      [
        0,
        '完全依赖他人协助进食，或吞咽困难，或留置营养管',
        'Fully dependent on others for eating, or has difficulty swallowing, or has a feeding tube',
      ],
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
      [
        4,
        '可自行控制排尿，排尿次数、排尿控制均正常',
        'Controls urination alone; frequency and control are normal',
      ],
      [
        3,
        '白天可自行控制排尿次数，夜间出现排尿次数增多、排尿控制较差，或自行使用尿布、尿垫等辅助用物',
        'Controls urination by day; at night urinates more often with poorer control, or uses diapers, pads or similar aids alone',
      ],
      [
        2,
        '白天大部分时间可自行控制排尿，偶出现（每天<1次，但每周>1次）尿失禁，夜间控制排尿较差，或他人少量协助使用尿布、尿垫等辅助用物',
        'Controls urination most of the day with occasional incontinence (<1 a day but >1 a week); poor control at night, or needs a little help with diapers, pads or similar aids',
      ],
      [
        1,
        '白天大部分时间不能控制排尿（每天≥1次，但尚非完全失控），夜间出现尿失禁，或他人大量协助使用尿布、尿垫等辅助用物',
        'Cannot control urination most of the day (≥1 a day, but not a complete loss of control); incontinent at night, or needs a lot of help with diapers, pads or similar aids',
      ],
      [
        0,
        '小便失禁，完全不能控制排尿，或留置导尿管',
        'Urinary incontinence with no control at all, or has an indwelling catheter',
      ],
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
      [4, '可正常自行控制大便排出', 'Controls bowel movements normally'],
      [
        3,
        '有时出现（每天<1次）便秘或大便失禁，或自行使用开塞露、尿垫等辅助用物',
        'Sometimes (<1 a day) constipated or incontinent of faeces, or uses glycerine enemas, pads or similar aids alone',
      ],
      [
        2,
        '经常出现（每天<1次，但每周>1次）便秘或大便失禁，或他人少量协助使用开塞露、尿垫等辅助用物',
        'Often (<1 a day but >1 a week) constipated or incontinent of faeces, or needs a little help with glycerine enemas, pads or similar aids',
      ],
      [
        1,
        '大部分时间均出现（每天≥1次）便秘或大便失禁，但尚非完全失控，或他人大量协助使用开塞露、尿垫等辅助用物',
        'Constipated or incontinent of faeces most of the time (≥1 a day) but not a complete loss of control, or needs a lot of help with glycerine enemas, pads or similar aids',
      ],
      [
        0,
        '严重便秘或者完全大便失禁，需要依赖他人协助排便或清洁皮肤',
        'Severe constipation or complete faecal incontinence; depends on others to empty the bowels or clean the skin',
      ],
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
      [
        4,
        '独立平地行走50 m左右，不需要协助，无摔倒风险',
        'Walks about 50 m on level ground alone, no help needed, no risk of falling',
      ],
      [
        3,
        '能平地行走50 m左右，存在跌倒风险，需要他人监护或指导，或使用拐杖、助行器等辅助工具',
        'Walks about 50 m on level ground but at risk of falling; needs supervision or guidance, or uses a cane, walker or similar aid',
      ],
      [2, '在步行时需要他人少量扶持协助', 'Needs a little physical support from others when walking'],
      [1, '在步行时需要他人大量扶持协助', 'Needs a lot of physical support from others when walking'],
      [0, '完全不能步行', 'Cannot walk at all'],
    ]),
    { definition: '双脚交互的方式在地面行动，总是一只脚在前', note: '包括他人辅助和使用辅具的步行' },
  ),
  // GB/T 42195-2022 B.2.4: max 3 — the two most dependent steps share 0 points.
  item(
    'B.2.4',
    MOBILITY,
    { zh: '上下楼梯', en: 'Stairs' },
    scored([
      [
        3,
        '可独立上下楼梯（连续上下10个~15个台阶），不需要协助',
        'Goes up and down stairs alone (10–15 steps in a row), no help needed',
      ],
      [2, '在他人指导或提示下完成', 'Completes it with guidance or prompting'],
      [1, '需要他人协助，但以自身完成为主', 'Needs help but does most of it'],
      [
        0,
        '主要依靠他人协助，自身能给予配合；或者完全依赖他人协助，且不能给予配合',
        'Relies mainly on help and can cooperate; or fully dependent on help and cannot cooperate',
      ],
    ]),
    { definition: '双脚交替完成楼梯台阶连续的上下移动' },
  ),

  // GB/T 42195-2022 B.3 精神状态
  item(
    'B.3.1',
    MENTAL,
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
    {
      definition: '知道并确认时间的能力',
    },
  ),
  item(
    'B.3.2',
    MENTAL,
    { zh: '空间定向', en: 'Orientation to place' },
    scored([
      [
        4,
        '能在日常生活范围内单独外出，如在日常居住小区内独自外出购物等',
        'Goes out alone within their usual area, e.g. shopping alone in their neighbourhood',
      ],
      [
        3,
        '不能单独外出，但能准确知道自己日常生活所在地的地址信息',
        'Cannot go out alone but knows the address of where they live accurately',
      ],
      [
        2,
        '不能单独外出，但知道较多有关自己日常生活的地址信息',
        'Cannot go out alone but knows much of the address information of their daily life',
      ],
      [
        1,
        '不能单独外出，但知道较少自己居住或生活所在地的地址信息',
        'Cannot go out alone and knows little of the address of where they live',
      ],
      [0, '不能单独外出，无空间观念', 'Cannot go out alone; no sense of place'],
    ]),
    { definition: '知道并确认空间的能力' },
  ),
  item(
    'B.3.3',
    MENTAL,
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
        '能认识部分日常同住的亲人或照护者等，能称呼或知道关系等',
        'Recognises some of the relatives or carers they live with; can address them or knows the relationship',
      ],
      [
        1,
        '只认识自己或极少数日常同住的亲人或照护者等',
        'Recognises only themselves or very few of the relatives or carers they live with',
      ],
      [0, '不认识任何人（包括自己）', 'Recognises no one (including themselves)'],
    ]),
    { definition: '知道并确认人物的能力' },
  ),
  item(
    'B.3.4',
    MENTAL,
    { zh: '记忆', en: 'Memory' },
    scored([
      [
        4,
        '总能保持与社会、年龄所适应的记忆能力，能完整的回忆',
        'Memory always appropriate to their age and social setting; recalls completely',
      ],
      [
        3,
        '出现轻度的记忆紊乱或回忆不能（不能回忆即时信息，3个词语经过5分钟后仅能回忆0~1个）',
        'Mild memory disturbance or failure to recall (cannot recall immediate information: recalls only 0–1 of 3 words after 5 minutes)',
      ],
      [
        2,
        '出现中度的记忆紊乱或回忆不能（不能回忆近期记忆，不记得上一顿饭吃了什么）',
        'Moderate memory disturbance or failure to recall (cannot recall recent events, e.g. what they ate at the last meal)',
      ],
      [
        1,
        '出现重度的记忆紊乱或回忆不能（不能回忆远期记忆，不记得自己的老朋友）',
        'Severe memory disturbance or failure to recall (cannot recall the distant past, e.g. their old friends)',
      ],
      [
        0,
        '记忆完全紊乱或者完全不能对既往事物进行正确的回忆',
        'Memory completely disturbed, or cannot correctly recall anything from the past',
      ],
    ]),
    { definition: '短时、近期和远期记忆能力' },
  ),
  item(
    'B.3.5',
    MENTAL,
    { zh: '理解能力', en: 'Understanding' },
    scored([
      [4, '能正常理解他人的话', 'Understands others normally'],
      [3, '能理解他人的话，但需要增加时间', 'Understands others but needs more time'],
      [
        2,
        '理解有困难，需要频繁重复或简化口头表达',
        'Has difficulty understanding; needs frequent repetition or simpler speech',
      ],
      [1, '理解有严重困难，需要大量他人帮助', 'Has severe difficulty understanding; needs a lot of help'],
      [0, '完全不能理解他人的话', 'Cannot understand others at all'],
    ]),
    { definition: '理解语言信息和非语言信息的能力（可借助平时使用的助听设备等），即理解别人的话' },
  ),
  item(
    'B.3.6',
    MENTAL,
    { zh: '表达能力', en: 'Expression' },
    scored([
      [4, '能正常表达自己的想法', 'Expresses their thoughts normally'],
      [3, '能表达自己的需要，但需要增加时间', 'Can express their needs but needs more time'],
      [
        2,
        '表达需要有困难，需频繁重复或简化口头表达',
        'Has difficulty expressing needs; needs frequent repetition or simpler speech',
      ],
      [
        1,
        '表达有严重困难，需要大量他人帮助',
        'Has severe difficulty expressing themselves; needs a lot of help',
      ],
      [0, '完全不能表达需要', 'Cannot express their needs at all'],
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
      [
        1,
        '能看清楚大字体，但看不清书报上的标准字体；视力有限，看不清报纸大标题，但能辨认物体',
        'Can read large print but not standard print in books and newspapers; or limited vision: cannot read newspaper headlines but can recognise objects',
      ],
      [0, '只能看到光、颜色和形状；完全失明', 'Sees only light, colours and shapes; or completely blind'],
    ]),
    { definition: '感受存在的光线并感受物体的大小、形状的能力。在个体的最好矫正视力下进行评估' },
  ),
  item(
    'B.4.2',
    PERCEPTION,
    { zh: '听力', en: 'Hearing' },
    scored([
      [2, '听力正常', 'Normal'],
      [
        1,
        '在轻声说话或说话距离超过2 m时听不清；正常交流有些困难，需在安静的环境或大声说话才能听到',
        'Cannot hear soft speech or speech more than 2 m away; or some difficulty in normal conversation: hears only in a quiet place or when people speak loudly',
      ],
      [
        0,
        '讲话者大声说话或说话很慢，才能部分听见；完全失聪',
        'Hears only partly when the speaker talks loudly or very slowly; or completely deaf',
      ],
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
      [
        4,
        '能完全独立计划、安排和完成日常事务，无需协助',
        'Plans, arranges and completes daily affairs fully on their own, no help needed',
      ],
      [
        3,
        '在计划、安排和完成日常事务时需要他人监护或指导',
        'Needs supervision or guidance to plan, arrange and complete daily affairs',
      ],
      [
        2,
        '在计划、安排和完成日常事务时需要少量协助',
        'Needs a little help to plan, arrange and complete daily affairs',
      ],
      [
        1,
        '在计划、安排和完成日常事务时需要大量协助',
        'Needs a lot of help to plan, arrange and complete daily affairs',
      ],
      [0, '完全依赖他人进行日常事务', 'Fully dependent on others for daily affairs'],
    ]),
    { definition: '计划、安排并完成日常事务，包括但不限于洗衣服、小金额购物、服药管理' },
  ),
  item(
    'B.4.4',
    PERCEPTION,
    { zh: '使用交通工具外出', en: 'Going out by transport' },
    scored([
      [3, '能自己骑车或搭乘公共交通工具外出', 'Goes out alone by bicycle or public transport'],
      [
        2,
        '能自己搭乘出租车，但不会搭乘其他公共交通工具外出',
        'Takes a taxi alone but cannot use other public transport',
      ],
      [
        1,
        '当有人协助或陪伴，可搭乘公共交通工具外出',
        'Can use public transport with someone helping or accompanying them',
      ],
      [
        0,
        '只能在他人协助下搭乘出租车或私家车外出；完全不能出门，或者外出完全需要协助',
        'Goes out by taxi or private car only with help; or cannot go out at all, or needs full help to go out',
      ],
    ]),
  ),
  item(
    'B.4.5',
    PERCEPTION,
    { zh: '社会交往能力', en: 'Social interaction' },
    scored([
      [
        4,
        '参与社会，在社会环境有一定的适应能力，待人接物恰当',
        'Takes part in social life, adapts reasonably well to social settings and deals with people appropriately',
      ],
      [
        3,
        '能适应单纯环境，主动接触他人，初次见面时难让人发现智力问题，不能理解隐喻语',
        'Adapts to simple settings and approaches others; cognitive problems are hard to notice at a first meeting; cannot understand figurative language',
      ],
      [
        2,
        '脱离社会，可被动接触，不会主动待他人，谈话中很多不适词句，容易上当受骗',
        'Withdrawn from social life; responds to contact but does not seek it; says many inappropriate things in conversation; easily deceived',
      ],
      [
        1,
        '勉强可与他人接触，谈吐内容不清楚，表情不恰当',
        'Can barely interact with others; speech is unclear and facial expressions inappropriate',
      ],
      [0, '不能与人交往', 'Cannot interact with others'],
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

const OCCURRENCES = choices([
  ['0', '无', { en: 'None' }],
  ['1', '发生过1次', { en: 'Once' }],
  ['2', '发生过2次', { en: 'Twice' }],
  ['3', '发生过3次及以上', { en: '3 times or more' }],
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
          ['first', '首次评估', { en: 'First assessment' }],
          ['routine', '常规评估', { en: 'Routine assessment' }],
          ['immediate', '即时评估', { en: 'Immediate assessment' }],
          [
            'dispute_review',
            '因对评估结果有疑问进行的复评',
            { en: 'Reassessment after the result was questioned' },
          ],
          ['other', '其他', { en: 'Other' }],
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
          ['male', '男', { en: 'Male' }],
          ['female', '女', { en: 'Female' }],
        ]),
        verification: 'P',
      },
      { code: 'A.2.3', zh: '出生日期', en: 'Date of birth', type: 'date', verification: 'P' },
      // [D] Plausibility ranges (the standard gives none): typos such as 1600 cm are refused.
      {
        code: 'A.2.4',
        zh: '身高',
        en: 'Height',
        type: 'number',
        unit: 'cm',
        min: 50,
        max: 250,
        verification: 'P',
      },
      {
        code: 'A.2.5',
        zh: '体重',
        en: 'Weight',
        type: 'number',
        unit: 'kg',
        min: 10,
        max: 300,
        verification: 'P',
      },
      {
        code: 'A.2.6',
        zh: '民族',
        en: 'Ethnic group',
        type: 'single',
        options: [
          ...ETHNIC_GROUPS.map(([zh, en], i) => ({ value: String(i + 1).padStart(2, '0'), zh, en })),
          { value: '97', zh: '其他', en: 'Other', specify: true },
        ],
        verification: 'D',
      },
      {
        code: 'A.2.7',
        zh: '宗教信仰',
        en: 'Religion',
        type: 'single',
        options: choices([
          ['no', '无', { en: 'No' }],
          ['yes', '有', { specify: true, en: 'Yes' }],
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
          ['illiterate', '文盲', { en: 'Illiterate' }],
          ['primary', '小学', { en: 'Primary school' }],
          ['junior_high', '初中', { en: 'Junior secondary school' }],
          ['senior_high', '高中/技校/中专', { en: 'Senior secondary / technical / vocational school' }],
          ['college_plus', '大学专科及以上', { en: 'Junior college or higher' }],
          ['unknown', '不详', { en: 'Unknown' }],
        ]),
        verification: 'P',
      },
      {
        code: 'A.2.10',
        zh: '居住情况',
        en: 'Living arrangement',
        type: 'multi',
        options: choices([
          ['alone', '独居', { en: 'Lives alone' }],
          ['spouse', '与配偶居住', { en: 'With spouse' }],
          ['children', '与子女居住', { en: 'With children' }],
          ['parents', '与父母居住', { en: 'With parents' }],
          ['siblings', '与兄弟姐妹居住', { en: 'With siblings' }],
          ['other_relatives', '与其他亲属居住', { en: 'With other relatives' }],
          ['non_relatives', '与非亲属关系的人居住', { en: 'With non-relatives' }],
          ['institution', '养老机构', { en: 'In a care institution' }],
        ]),
        verification: 'P',
      },
      {
        code: 'A.2.11',
        zh: '婚姻状况',
        en: 'Marital status',
        type: 'single',
        options: choices([
          ['unmarried', '未婚', { en: 'Never married' }],
          ['married', '已婚', { en: 'Married' }],
          ['widowed', '丧偶', { en: 'Widowed' }],
          ['divorced', '离婚', { en: 'Divorced' }],
          ['unspecified', '未说明', { en: 'Not stated' }],
        ]),
        verification: 'P',
      },
      {
        code: 'A.2.12',
        zh: '医疗费用支付方式',
        en: 'Payment of medical costs',
        type: 'multi',
        options: choices([
          ['employee_basic', '城镇职工基本医疗保险', { en: 'Basic medical insurance for urban employees' }],
          [
            'resident_basic',
            '城乡居民基本医疗保险',
            { en: 'Basic medical insurance for urban and rural residents' },
          ],
          ['self_pay', '自费', { en: 'Self-paid' }],
          ['civil_servant_subsidy', '公务员补助', { en: 'Civil servant medical subsidy' }],
          ['enterprise_supplementary', '企业补充保险', { en: 'Employer supplementary insurance' }],
          [
            'public_medical',
            '公费医疗及医疗照顾对象',
            { en: 'Public medical care (incl. special medical care recipients)' },
          ],
          ['medical_assistance', '医疗救助', { en: 'Medical assistance' }],
          ['critical_illness', '大病保险', { en: 'Critical illness insurance' }],
          ['other', '其他', { en: 'Other' }],
        ]),
        verification: 'P',
      },
      {
        code: 'A.2.13',
        zh: '经济来源',
        en: 'Sources of income',
        type: 'multi',
        options: choices([
          ['pension', '退休金/养老金', { en: 'Retirement pension' }],
          ['children_support', '子女补贴', { en: 'Support from children' }],
          ['relatives_support', '亲友资助', { en: 'Support from relatives or friends' }],
          ['universal_subsidy', '国家普惠型补贴', { en: 'Universal state subsidy' }],
          ['savings', '个人储蓄', { en: 'Personal savings' }],
          ['other_subsidy', '其他补贴', { en: 'Other subsidies' }],
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
          ['self', '本人', { en: 'Self' }],
          ['spouse', '配偶', { en: 'Spouse' }],
          ['child', '子女', { en: 'Child' }],
          ['other_relative', '其他亲属', { en: 'Other relative' }],
          ['hired_caregiver', '雇佣照顾者', { en: 'Hired carer' }],
          ['committee_staff', '村（居）民委员会工作人员', { en: "Village or residents' committee staff" }],
          ['other', '其他', { en: 'Other' }],
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
          ['I10-I15', '高血压病', { icd: 'I10~I15', en: 'Hypertension' }],
          ['I25', '冠心病', { icd: 'I25', en: 'Coronary heart disease' }],
          ['E10-E14', '糖尿病', { icd: 'E10~E14', en: 'Diabetes' }],
          ['J12-J18', '肺炎', { icd: 'J12~J18', en: 'Pneumonia' }],
          ['J44', '慢性阻塞性肺疾病', { icd: 'J44', en: 'Chronic obstructive pulmonary disease' }],
          ['I60-I62', '脑出血', { icd: 'I60~I62', en: 'Cerebral haemorrhage' }],
          ['I63', '脑梗塞', { icd: 'I63', en: 'Cerebral infarction' }],
          ['uti_30d', '尿路感染（30天内）', { en: 'Urinary tract infection (within 30 days)' }],
          ['G20-G22', '帕金森综合征', { icd: 'G20~G22', en: 'Parkinsonism' }],
          ['N18-N19', '慢性肾衰竭', { icd: 'N18~N19', en: 'Chronic renal failure' }],
          ['K74', '肝硬化', { icd: 'K74', en: 'Liver cirrhosis' }],
          ['K20-K31', '消化性溃疡', { icd: 'K20~K31', en: 'Peptic ulcer' }],
          ['C00-D48', '肿瘤', { icd: 'C00~D48', en: 'Neoplasm' }],
          ['amputation_6m', '截肢（6个月内）', { en: 'Amputation (within 6 months)' }],
          ['M84', '骨折（3个月内）', { icd: 'M84', en: 'Fracture (within 3 months)' }],
          ['G40', '癫痫', { icd: 'G40', en: 'Epilepsy' }],
          ['E01-E03', '甲状腺功能减退症', { icd: 'E01~E03', en: 'Hypothyroidism' }],
          ['H25-H26', '白内障', { icd: 'H25~H26', en: 'Cataract' }],
          ['H40-H42', '青光眼', { icd: 'H40~H42', en: 'Glaucoma' }],
          ['M80-M82', '骨质疏松症', { icd: 'M80~M82', en: 'Osteoporosis' }],
          ['F00-F03', '痴呆', { icd: 'F00~F03', en: 'Dementia' }],
          ['F04-F99', '其他精神和行为障碍', { icd: 'F04~F99', en: 'Other mental and behavioural disorders' }],
          ['other', '其他', { specify: true, en: 'Other' }],
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
          ['name', '药物名称', { en: 'Drug name' }],
          ['method', '服药方法', { en: 'How taken' }],
          ['dose', '用药剂量', { en: 'Dose' }],
          ['frequency', '用药频率', { en: 'Frequency' }],
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
          ['none', '无', { en: 'None' }],
          [
            'stage_1',
            'Ⅰ期：皮肤完好，出现指压不会变白的红印',
            { en: 'Stage 1: intact skin with redness that does not blanch under pressure' },
          ],
          [
            'stage_2',
            'Ⅱ期：皮肤真皮层损失、暴露，出现水疱',
            { en: 'Stage 2: loss of skin with exposed dermis, or blisters' },
          ],
          [
            'stage_3',
            'Ⅲ期：全层皮肤缺失，可见脂肪、肉芽组织以及边缘内卷',
            { en: 'Stage 3: full-thickness skin loss; fat, granulation tissue and rolled edges visible' },
          ],
          [
            'stage_4',
            'Ⅳ期：全层皮肤、组织缺失，可见肌腱、肌肉、腱膜，以及边缘内卷，伴随隧道、潜行',
            {
              en: 'Stage 4: full-thickness skin and tissue loss; tendon, muscle or fascia visible, rolled edges, tunnelling or undermining',
            },
          ],
          ['unstageable', '不可分期', { en: 'Unstageable' }],
        ]),
        verification: 'P',
      },
      {
        code: 'A.5.2',
        zh: '关节活动度',
        en: 'Joint range of motion',
        type: 'single',
        options: choices([
          ['none', '无，没有影响日常生活功能', { en: 'No, does not affect daily functioning' }],
          [
            'affected',
            '是，影响日常生活功能（部位）',
            { specify: true, en: 'Yes, affects daily functioning (site)' },
          ],
          ['unknown', '无法判断', { en: 'Cannot be determined' }],
        ]),
        verification: 'P',
      },
      {
        code: 'A.5.3',
        zh: '伤口情况',
        en: 'Wounds',
        type: 'multi',
        options: choices([
          ['none', '无', { exclusive: true, en: 'None' }],
          ['abrasion', '擦伤', { en: 'Abrasion' }],
          ['burn', '烧烫伤', { en: 'Burn or scald' }],
          ['surgical', '术后伤口', { en: 'Surgical wound' }],
          ['diabetic_foot', '糖尿病足溃疡', { en: 'Diabetic foot ulcer' }],
          ['vascular', '血管性溃疡', { en: 'Vascular ulcer' }],
          ['other', '其他伤口', { en: 'Other wound' }],
        ]),
        verification: 'P',
      },
      {
        code: 'A.5.4',
        zh: '特殊护理情况',
        en: 'Special care',
        type: 'multi',
        options: choices([
          ['none', '无', { exclusive: true, en: 'None' }],
          ['gastric_tube', '胃管', { en: 'Gastric tube' }],
          ['urinary_catheter', '尿管', { en: 'Urinary catheter' }],
          ['tracheostomy', '气管切开', { en: 'Tracheostomy' }],
          ['ostomy', '胃/肠/膀胱造瘘', { en: 'Gastrostomy / enterostomy / cystostomy' }],
          ['noninvasive_ventilator', '无创呼吸机', { en: 'Non-invasive ventilator' }],
          ['dialysis', '透析', { en: 'Dialysis' }],
          ['other', '其他', { en: 'Other' }],
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
          ['none', '无疼痛', { en: 'No pain' }],
          ['mild', '轻度疼痛', { en: 'Mild pain' }],
          ['moderate', '中度疼痛（尚可忍受的程度）', { en: 'Moderate pain (bearable)' }],
          ['severe', '重度疼痛（无法忍受的程度）', { en: 'Severe pain (unbearable)' }],
          ['unknown', '不知道或无法判断', { en: 'Does not know or cannot be determined' }],
        ]),
        verification: 'P',
      },
      {
        code: 'A.5.6',
        zh: '牙齿缺失情况',
        en: 'Missing teeth',
        type: 'multi',
        options: choices([
          ['none', '无缺失', { exclusive: true, en: 'No missing teeth' }],
          [
            'tooth_defect',
            '牙体缺损（如龋齿、楔状缺损）',
            { en: 'Tooth defects (e.g. caries, wedge-shaped defects)' },
          ],
          [
            'dentition_defect',
            '牙列缺损',
            {
              en: 'Partial tooth loss',
              children: choices([
                ['non_opposing', '非对位牙缺失', { en: 'Missing teeth, not in opposing positions' }],
                ['unilateral_opposing', '单侧对位牙缺失', { en: 'Opposing teeth missing on one side' }],
                ['bilateral_opposing', '双侧对位牙缺失', { en: 'Opposing teeth missing on both sides' }],
              ]),
            },
          ],
          [
            'edentulous',
            '牙列缺失',
            {
              en: 'Complete tooth loss',
              children: choices([
                ['maxillary', '上颌牙缺失', { en: 'Upper teeth missing' }],
                ['mandibular', '下颌牙缺失', { en: 'Lower teeth missing' }],
                ['full', '全口牙缺失', { en: 'All teeth missing' }],
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
          ['none', '无义齿', { exclusive: true, en: 'No dentures' }],
          ['fixed', '固定义齿', { en: 'Fixed dentures' }],
          ['removable_partial', '可摘局部义齿', { en: 'Removable partial dentures' }],
          ['removable_full', '可摘全/半口义齿', { en: 'Removable complete dentures (one or both jaws)' }],
        ]),
        verification: 'P',
      },
      {
        code: 'A.5.8',
        zh: '吞咽困难的情形和症状',
        en: 'Signs and symptoms of dysphagia',
        type: 'multi',
        options: choices([
          ['none', '无', { exclusive: true, en: 'None' }],
          [
            'complains',
            '抱怨吞咽困难或吞咽时会疼痛',
            { en: 'Complains of difficulty or pain when swallowing' },
          ],
          ['coughing', '吃东西或喝水时出现咳嗽或呛咳', { en: 'Coughs or chokes when eating or drinking' }],
          [
            'residue',
            '用餐后嘴中仍含着食物或留有残余食物',
            { en: 'Food held or left in the mouth after meals' },
          ],
          [
            'spilling',
            '当喝或吃流质或固体的食物时，食物会从嘴角边流失',
            { en: 'Food or liquid spills from the corners of the mouth when eating or drinking' },
          ],
          ['drooling', '有流口水的情况', { en: 'Drooling' }],
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
  itemsClause: `${CODE} 附录 B`,
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
