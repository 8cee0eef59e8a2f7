// 简体中文 e-mail copy (words from the Chinese source guide: 退款, 取消订单, 退货).
import type { Copy, CopyContext, TemplateParams } from "../templates";

type ApprovedParams = TemplateParams["request_approved"];

const requestName = { cancellation: "取消申请", return: "退货申请" } as const;

function arrival(c: CopyContext, from?: string | null, to?: string | null): string {
  return from && to
    ? `预计将于 ${c.date(from)} 至 ${c.date(to)} 之间到账。`
    : "银行通常需要 5–10 个工作日才会在账单上显示这笔款项。";
}

function nextStep(c: CopyContext, p: ApprovedParams): string[] {
  const { status, amount } = p;
  if (status === "awaiting_item")
    return [
      p.returnAddress
        ? "请将商品寄至下方地址。我们会在收到商品后尽快退款；另一封邮件列出了商品和包装方法。"
        : "请回复此邮件，我们会告诉您商品的寄送地址。我们会在收到商品后尽快退款。",
    ];
  if (status === "completed") return ["您无需再采取任何行动。"];
  if (amount !== undefined)
    return [`我们正在将 ${c.money(amount)} 退还到您的原支付方式，退款发出后会通过电子邮件通知您。`];
  if (status === "refunding") return ["我们正在为您办理退款，退款发出后会通过电子邮件通知您。"];
  return [];
}

const cancelReason: Record<string, (n: string) => string> = {
  customer: (n) => `已按您的要求取消订单 #${n}。`,
  inventory: (n) => `很抱歉，我们无法供应订单 #${n} 中的全部商品，因此该订单已取消。`,
  not_shipped_in_time: (n) => `很抱歉，我们未能在承诺的时间内发出订单 #${n}，因此该订单已取消。`,
  fraud: (n) => `我们的支付审核将订单 #${n} 标记为疑似欺诈，因此该订单已取消。如果您认为有误，请回复此邮件。`,
  declined: (n) => `付款被拒绝，因此订单 #${n} 已取消。`,
};

export const zh: Copy = {
  greeting: "您好，",
  signOff: (store) => `${store} 敬上`,
  viewOrder: "查看您的订单",
  policy: "退款和取消政策",
  templates: {
    request_received: (p, c) => ({
      subject: `我们已收到您对订单 #${c.orderNumber} 的${requestName[p.requestType]}`,
      paragraphs: [
        p.requestType === "cancellation"
          ? `感谢您——我们已收到您取消订单 #${c.orderNumber} 的申请。`
          : `感谢您——我们已收到您退回订单 #${c.orderNumber} 中商品的申请。`,
        ...(p.amount ? [`申请获批后，我们将把 ${c.money(p.amount)} 退还到您的原支付方式。`] : []),
        "审核完成后我们会立即发邮件通知您。大多数申请会在一个工作日内处理完毕。",
      ],
    }),
    request_approved: (p, c) => ({
      subject: `您对订单 #${c.orderNumber} 的${requestName[p.requestType]}已获批准`,
      paragraphs: [
        p.requestType === "cancellation"
          ? `订单 #${c.orderNumber} 的取消申请已获批准。`
          : `您对订单 #${c.orderNumber} 的退货申请已获批准。`,
        ...nextStep(c, p),
        ...(p.expectedFrom && p.expectedTo ? [arrival(c, p.expectedFrom, p.expectedTo)] : []),
      ],
      ...(p.status === "awaiting_item" && p.returnAddress && { address: c.address(p.returnAddress) }),
    }),
    request_declined: (p, c) => {
      const reason = c.text(p.reason) ?? c.text(p.message);
      return {
        subject: `关于您对订单 #${c.orderNumber} 的${requestName[p.requestType]}`,
        paragraphs: [
          `很抱歉，我们无法批准您对订单 #${c.orderNumber} 的${requestName[p.requestType]}。`,
          ...(reason ? [`原因：${reason}`] : []),
          "如有疑问，请直接回复此邮件，我们会为您提供帮助。",
        ],
      };
    },
    refund_sent: (p, c) => ({
      subject: `您的退款 ${c.money(p.amount)} 已发出`,
      paragraphs: [
        `我们已将订单 #${c.orderNumber} 的退款 ${c.money(p.amount)} 退回至您的原支付方式。`,
        arrival(c, p.expectedFrom, p.expectedTo),
      ],
    }),
    refund_succeeded: (p, c) => ({
      subject: `您的退款 ${c.money(p.amount)} 已完成`,
      paragraphs: [
        `支付服务商已完成订单 #${c.orderNumber} 的退款 ${c.money(p.amount)}。`,
        ...(p.expectedFrom && p.expectedTo
          ? [
              arrival(c, p.expectedFrom, p.expectedTo),
              "如果届时仍未在账单中看到这笔款项，请凭此邮件联系您的银行。",
            ]
          : ["如果几天内仍未在账单中看到这笔款项，请凭此邮件联系您的银行。"]),
      ],
    }),
    refund_failed: (p, c) => ({
      subject: `您的退款 ${c.money(p.amount)} 未能完成`,
      paragraphs: [
        `我们尝试为订单 #${c.orderNumber} 退款 ${c.money(p.amount)}，但支付服务商拒绝了该退款。`,
        ...(p.reason ? [`支付服务商的说明：${p.reason}`] : []),
        "接下来：我们的团队已收到通知，将在 2 个工作日内重新尝试退款，或通过其他方式将款项退还给您。您无需采取任何行动。如果您的银行卡已更换或账户已关闭，请直接回复此邮件，我们会协助您处理。",
      ],
    }),
    refund_manual: (p, c) => ({
      subject: `我们将人工为您退款 ${c.money(p.amount)}`,
      paragraphs: [
        `订单 #${c.orderNumber} 的退款 ${c.money(p.amount)} 无法通过您付款时使用的支付服务商自动退回。`,
        "接下来：我们的团队已收到通知，将在 2 个工作日内通过其他方式将款项退还给您。款项支付后我们会立即发邮件通知您。您无需采取任何行动。",
      ],
    }),
    order_cancelled: (p, c) => ({
      subject: `订单 #${c.orderNumber} 已取消`,
      paragraphs: [
        (cancelReason[p.reason ?? ""] ?? ((n: string) => `您的订单 #${n} 已取消。`))(c.orderNumber),
        p.amount
          ? `我们将把 ${c.money(p.amount)} 退还到您的原支付方式，退款发出后会再通知您。`
          : p.refunded
            ? "我们将把您的付款退还到原支付方式，退款发出后会再通知您。"
            : "您卡上为此订单冻结的款项将被释放。",
      ],
    }),
    return_instructions: (p, c) => ({
      subject: `如何退回订单 #${c.orderNumber} 中的商品`,
      paragraphs: p.items?.length ? [`您从订单 #${c.orderNumber} 退回的商品：`] : [],
      list: (p.items ?? []).map((i) => `${i.quantity} × ${i.title}`),
      after: [
        "请按以下步骤寄回商品：",
        `1. 将商品妥善包装，并在包裹内附上写有订单号 #${c.orderNumber} 的纸条。`,
        p.returnAddress ? "2. 将包裹寄至下方地址。" : "2. 请回复此邮件，我们会告诉您包裹的寄送地址。",
        "3. 请保留寄件凭证和快递单号。",
        p.returnBy
          ? `我们会在收到商品后尽快退款。请于 ${c.date(p.returnBy)} 前寄出。`
          : "我们会在收到商品后尽快退款。",
      ],
      ...(p.returnAddress && { address: c.address(p.returnAddress) }),
    }),
    sign_in_link: (p, c) => ({
      subject: `登录 ${c.storeName}`,
      paragraphs: [
        "请使用下方链接登录并查看您的订单。该链接仅可使用一次，24 小时后失效。",
        "如果您没有请求此链接，请忽略此邮件。",
      ],
      action: { label: "登录", url: p.url },
    }),
    automation_paused: (p, c) => ({
      subject: `${c.storeName} 的自动退款已暂停`,
      paragraphs: [`自动退款已暂停：${p.reason}`, "在控制台中恢复自动化之前，新批准的退款将等待人工处理。"],
      action: { label: "打开控制台", url: c.consoleUrl },
    }),
    webhook_endpoint_failing: (p, c) => ({
      subject: p.disabled
        ? `${c.storeName} 的一个 Webhook 端点已被停用`
        : `${c.storeName} 的一个 Webhook 端点持续失败`,
      paragraphs: [
        `端点 ${p.url} 已连续失败 ${p.failures} 次。最近一次错误：${p.lastError}`,
        "在其恢复响应之前，其背后的系统将无法获知新的订单、请求和退款。",
        p.disabled
          ? "该端点已被停用。事件仍会被记录，在控制台中重新启用后将会发送。"
          : "投递会以递增的间隔重试。连续失败 100 次或持续失败三天后，该端点将被停用。",
      ],
      action: { label: "打开控制台", url: c.consoleUrl },
    }),
    refund_attention: (p, c) => ({
      subject: `订单 #${p.orderNumber} 的一笔退款需要处理`,
      paragraphs: [`订单 #${p.orderNumber}：${p.reason}`, "它列在退款监控的“Needs attention”中。"],
      action: { label: "打开退款监控", url: `${c.consoleUrl}/refunds?status=attention` },
    }),
    withdrawal_received: (p, c) => ({
      subject: `我们已收到您对订单 #${c.orderNumber} 的撤回声明`,
      paragraphs: [
        `特此确认：我们已于 ${c.dateTime(p.submittedAt)} 收到您撤回订单 #${c.orderNumber} 合同的声明。`,
        "您的撤回声明内容：",
      ],
      list: [
        `姓名：${p.name}`,
        `订单：#${c.orderNumber}`,
        p.scope === "all" ? "撤回范围：整个订单" : "撤回范围：以下商品",
        ...p.items.map(
          (i) => `${i.quantity} × ${i.title} —— ${i.shipped ? "已寄出：需退回" : "尚未寄出：已取消"}`,
        ),
        `原因：${p.reason ?? "未填写（无需说明原因）"}`,
        `提交时间：${c.dateTime(p.submittedAt)}（${p.submittedAt.slice(0, 19).replace("T", " ")} UTC）`,
      ],
      after: [
        "接下来：尚未寄出的商品将被取消，并退款至您的原支付方式。已收到的商品，请按照我们通过邮件发送的退货说明寄回，我们会在收到后立即退款。",
        "请保留此邮件作为凭证。您也可以通过下方链接下载撤回声明的副本。",
      ],
      action: { label: "下载撤回声明副本", url: p.receiptUrl },
    }),
    refund_fallback: (p, c) => ({
      subject: `请选择 ${c.money(p.amount)} 退款的领取方式`,
      paragraphs: [
        `我们尝试为订单 #${c.orderNumber} 退款 ${c.money(p.amount)}，但${failureWords(p.failureCode)}，款项未能到达您的账户。`,
        `请选择您希望的领取方式：${p.choices.map((c) => CHOICE_WORDS[c]).join("、")}。`,
        `下方链接仅供您本人使用，有效期至 ${c.date(p.expiresAt)}。如果链接已过期，请回复此邮件，我们会协助您。`,
      ],
      action: { label: "选择领取方式", url: p.url },
    }),
    store_credit_issued: (p, c) => ({
      subject: `您的店铺余额 ${c.money(p.amount)}`,
      paragraphs: [
        `按照您的选择，订单 #${c.orderNumber} 的退款已转为店铺余额 ${c.money(p.amount)}。`,
        `您的代码：${p.code}。结账时使用即可，永久有效。`,
      ],
    }),
  },
};

const CHOICE_WORDS = {
  original: "银行换卡后重新退至原卡",
  bank_transfer: "银行转账",
  store_credit: "店铺余额",
};

function failureWords(code: string | undefined): string {
  switch (code) {
    case "expired_or_canceled_card":
      return "该银行卡已过期或已注销";
    case "account_closed":
      return "该账户已关闭";
    case "lost_or_stolen_card":
      return "该银行卡已挂失";
    default:
      return "银行拒绝了该退款";
  }
}
