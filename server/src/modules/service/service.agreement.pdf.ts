/**
 * The printable service agreement (居家养老上门服务协议) as an A4 PDF, to be signed by the elder (or guardian)
 * and the provider (GB/T 43153-2023: 签订服务协议 before any service). Pure: the agreement's facts in, PDF
 * bytes out. Font and table layout are the platform's (pdfFonts.ts, pdfCanvas.ts; decision 003).
 */
import PDFDocument from 'pdfkit';
import {
  AGREEMENT_SIGNER_LABELS,
  FUNDING_SOURCE_LABELS,
  SERVICE_CATEGORY_LABELS,
  SERVICE_UNIT_LABELS,
  type AgreementSigner,
  type FundingSource,
  type ServiceCategory,
  type ServiceUnit,
} from '@yiyang/contracts';
import { CONTENT_WIDTH, label, MARGIN, ReportCanvas, text, type Row } from '../../platform/pdfCanvas.ts';
import { registerPdfFonts } from '../../platform/pdfFonts.ts';

export interface AgreementPdfInput {
  number: string;
  status: 'draft' | 'signed' | 'ended';
  elder: { name: string; idNumberMasked: string; regionName: string; addressMasked: string | null };
  provider: { name: string };
  validFrom: string;
  validTo: string | null;
  items: {
    code: string;
    name: string;
    category: ServiceCategory;
    unit: ServiceUnit;
    durationMinutes: number;
    priceCents: number;
    elderShareCents: number;
    fundingSource: FundingSource;
    photosAllowed: boolean;
  }[];
  notes: string | null;
  signer: { kind: AgreementSigner; name: string | null; relationship: string | null; signedAt: Date } | null;
  districtName: string;
  generatedAt: Date;
}

const yuan = (cents: number) => `${(cents / 100).toFixed(2)} 元`;
const cell = (t: string, bold = false) => ({ blocks: [text(t, { bold })] });
const row = (...cells: ReturnType<typeof cell>[]): Row => ({ cells });

/** The standard clauses (GB/T 43153-2023 process and the platform's rules). */
function clauses(input: AgreementPdfInput): string[] {
  return [
    '一、乙方按照 GB/T 43153-2023《居家养老上门服务基本规范》及本区服务清单提供上门服务，服务人员持有效证书上岗，上门时出示工牌。',
    `二、服务期限自 ${input.validFrom} 起${input.validTo ? `至 ${input.validTo} 止` : '，至任一方书面终止为止'}。每次服务通过平台下单、派单，服务人员签到、签退，服务完成后由甲方或其代理人确认。`,
    '三、服务价格及甲方自付金额按服务当日有效的服务清单和补贴政策计算；政府购买部分由乙方向民政部门结算，甲方不另行支付。',
    '四、助浴、排泄护理等服务一律不拍照；其他服务如需留存照片，须事先征得甲方同意，且不拍摄面部和身体。',
    '五、甲方如需取消服务，应在约定上门时间前通过平台或电话告知乙方；甲方住院、迁出等情况下，相关服务暂停或终止。',
    '六、乙方对服务中知悉的甲方个人信息负有保密义务，仅为提供本协议服务所必需而使用。',
    `七、甲方对服务有异议的，可向乙方或${input.districtName}民政部门投诉，或拨打养老服务热线。`,
    '八、本协议一式两份，甲乙双方各执一份，经双方签字（盖章）后生效。',
  ];
}

function itemTable(input: AgreementPdfInput) {
  const widths = [52, 128, 70, 58, 62, 62, CONTENT_WIDTH - 432];
  const header: Row = row(
    cell('编码', true),
    cell('服务项目', true),
    cell('单位/时长', true),
    cell('价格', true),
    cell('甲方自付', true),
    cell('资金来源', true),
    cell('拍照', true),
  );
  const rows = input.items.map((i) =>
    row(
      cell(i.code),
      cell(`${i.name}（${SERVICE_CATEGORY_LABELS[i.category]['zh-CN']}）`),
      cell(`每${SERVICE_UNIT_LABELS[i.unit]['zh-CN']} · ${i.durationMinutes} 分钟`),
      cell(yuan(i.priceCents)),
      cell(yuan(i.elderShareCents)),
      cell(FUNDING_SOURCE_LABELS[i.fundingSource]['zh-CN']),
      cell(i.photosAllowed ? '经同意可拍' : '不拍照'),
    ),
  );
  return { widths, header: [header], rows };
}

function signatureRows(input: AgreementPdfInput): Row[] {
  const s = input.signer;
  const signed = s
    ? `${AGREEMENT_SIGNER_LABELS[s.kind]['zh-CN']}${s.name ? `：${s.name}` : ''}${s.relationship ? `（${s.relationship}）` : ''}`
    : '';
  const on = s ? s.signedAt.toISOString().slice(0, 10) : '      年    月    日';
  return [
    {
      cells: [label('甲方（老年人）签字'), cell(s?.kind === 'elder' ? signed : ''), label('日期'), cell(on)],
      minHeight: 34,
    },
    {
      cells: [
        label('监护人/代理人签字'),
        cell(s?.kind === 'guardian' ? signed : ''),
        label('日期'),
        cell(on),
      ],
      minHeight: 34,
    },
    { cells: [label('乙方（服务机构）盖章'), cell(''), label('日期'), cell(on)], minHeight: 44 },
  ];
}

/** Renders the agreement: parties, items with prices, clauses and signature blocks. */
export async function renderAgreementPdf(input: AgreementPdfInput): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    lang: 'zh-CN',
    displayTitle: true,
    // No personal data in the metadata.
    info: {
      Title: `居家养老上门服务协议 ${input.number}`,
      Creator: 'Yiyang 颐养',
      CreationDate: input.generatedAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  registerPdfFonts(doc);
  const canvas = new ReportCanvas(doc);
  canvas.heading('居家养老上门服务协议', 18, 2);
  canvas.subheading(`协议编号：${input.number}${input.status === 'draft' ? '（草稿）' : ''}`, 8);
  const half = CONTENT_WIDTH / 2 - 80;
  canvas.table({
    widths: [80, half, 80, half],
    rows: [
      {
        cells: [
          label('甲方（老年人）'),
          cell(input.elder.name),
          label('身份证号'),
          cell(input.elder.idNumberMasked),
        ],
      },
      {
        cells: [
          label('所在社区'),
          cell(input.elder.regionName),
          label('服务地址'),
          cell(input.elder.addressMasked ?? ''),
        ],
      },
      { cells: [label('乙方（服务机构）'), { blocks: [text(input.provider.name)], span: 3 }] },
      {
        cells: [
          label('服务期限'),
          { blocks: [text(`${input.validFrom} 至 ${input.validTo ?? '书面终止之日'}`)], span: 3 },
        ],
      },
    ],
  });
  canvas.heading('服务项目', 12, 4);
  canvas.table(itemTable(input));
  canvas.heading('协议条款', 12, 4);
  canvas.table({
    widths: [CONTENT_WIDTH],
    rows: [
      ...clauses(input).map((c) => row(cell(c))),
      ...(input.notes ? [row(cell(`补充约定：${input.notes}`))] : []),
    ],
  });
  canvas.table({
    widths: [110, CONTENT_WIDTH - 250, 40, 100],
    rows: signatureRows(input),
    keepTogether: true,
  });
  canvas.decoratePages(
    `居家养老上门服务协议（续）  ${input.number}`,
    'Yiyang 颐养',
    `协议编号：${input.number}`,
  );
  doc.end();
  return done;
}
