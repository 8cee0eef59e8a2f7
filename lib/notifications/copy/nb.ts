// Norsk bokmål e-mail copy (words from the Norwegian source guide and the site: refusjon, avbestilling, retur).
import type { Copy, CopyContext, TemplateParams } from "../templates";

type ApprovedParams = TemplateParams["request_approved"];

const requestName = { cancellation: "avbestillingen", return: "returforespørselen" } as const;

function arrival(c: CopyContext, from?: string | null, to?: string | null): string {
  return from && to
    ? `Du kan regne med å se den mellom ${c.date(from)} og ${c.date(to)}.`
    : "Banken din bruker vanligvis 5–10 virkedager før beløpet vises på kontoutskriften.";
}

function nextStep(c: CopyContext, p: ApprovedParams): string[] {
  const { status, amount } = p;
  if (status === "awaiting_item") {
    return [
      p.returnAddress
        ? "Send varene til adressen nedenfor. Vi refunderer så snart de er mottatt; i en egen e-post står varene og hvordan du pakker dem."
        : "Svar på denne e-posten, så forteller vi deg hvor du skal sende varene. Vi refunderer så snart de er mottatt.",
    ];
  }
  if (status === "completed") return ["Du trenger ikke gjøre noe mer."];
  if (amount !== undefined) {
    return [
      `Vi refunderer ${c.money(amount)} til den opprinnelige betalingsmåten din og gir deg beskjed når refusjonen er sendt.`,
    ];
  }
  if (status === "refunding") {
    return ["Vi refunderer betalingen din og gir deg beskjed når refusjonen er sendt."];
  }
  return [];
}

const cancelReason: Record<string, (n: string) => string> = {
  customer: (n) => `Bestillingen din #${n} er avbestilt, slik du ba om.`,
  inventory: (n) => `Beklager – vi kunne ikke levere alt i bestilling #${n}, så den er avbestilt.`,
  not_shipped_in_time: (n) =>
    `Beklager – vi klarte ikke å sende bestilling #${n} innen fristen vi lovet, så den er avbestilt.`,
  fraud: (n) =>
    `Bestilling #${n} er avbestilt fordi betalingskontrollen vår merket den som mulig svindel. Tror du dette er en feil, svar på denne e-posten.`,
  declined: (n) => `Bestilling #${n} er avbestilt fordi betalingen ble avvist.`,
};

export const nb: Copy = {
  greeting: "Hei,",
  signOff: (store) => `Hilsen ${store}`,
  viewOrder: "Se bestillingen din",
  policy: "Retningslinjer for refusjon og avbestilling",
  templates: {
    request_received: (p, c) => ({
      subject: `Vi har mottatt ${requestName[p.requestType]} din for bestilling #${c.orderNumber}`,
      paragraphs: [
        p.requestType === "cancellation"
          ? `Takk – vi har mottatt avbestillingen din av bestilling #${c.orderNumber}.`
          : `Takk – vi har mottatt forespørselen din om å returnere varer fra bestilling #${c.orderNumber}.`,
        ...(p.amount
          ? [
              `Hvis den blir godkjent, refunderer vi ${c.money(p.amount)} til den opprinnelige betalingsmåten din.`,
            ]
          : []),
        "Vi sender deg en e-post så snart den er behandlet. De fleste forespørsler avgjøres innen én virkedag.",
      ],
    }),
    request_approved: (p, c) => ({
      subject: `${capitalize(requestName[p.requestType])} din for bestilling #${c.orderNumber} er godkjent`,
      paragraphs: [
        p.requestType === "cancellation"
          ? `Avbestillingen av bestilling #${c.orderNumber} er godkjent.`
          : `Returen din fra bestilling #${c.orderNumber} er godkjent.`,
        ...nextStep(c, p),
        ...(p.expectedFrom && p.expectedTo ? [arrival(c, p.expectedFrom, p.expectedTo)] : []),
      ],
      ...(p.status === "awaiting_item" && p.returnAddress && { address: c.address(p.returnAddress) }),
    }),
    request_declined: (p, c) => {
      const reason = c.text(p.reason) ?? c.text(p.message);
      return {
        subject: `Angående ${requestName[p.requestType]} din for bestilling #${c.orderNumber}`,
        paragraphs: [
          `Beklager – vi kan ikke godkjenne ${requestName[p.requestType]} din for bestilling #${c.orderNumber}.`,
          ...(reason ? [`Begrunnelse: ${reason}`] : []),
          "Har du spørsmål, kan du svare på denne e-posten, så hjelper vi deg.",
        ],
      };
    },
    refund_sent: (p, c) => ({
      subject: `Refusjonen din på ${c.money(p.amount)} er på vei`,
      paragraphs: [
        `Vi har sendt en refusjon på ${c.money(p.amount)} for bestilling #${c.orderNumber} til den opprinnelige betalingsmåten din.`,
        arrival(c, p.expectedFrom, p.expectedTo),
      ],
    }),
    refund_succeeded: (p, c) => ({
      subject: `Refusjonen din på ${c.money(p.amount)} er fullført`,
      paragraphs: [
        `Betalingsleverandøren har fullført refusjonen på ${c.money(p.amount)} for bestilling #${c.orderNumber}.`,
        ...(p.expectedFrom && p.expectedTo
          ? [
              arrival(c, p.expectedFrom, p.expectedTo),
              "Ser du den ikke på kontoutskriften innen da, kan du vise denne e-posten til banken din.",
            ]
          : [
              "Ser du den ikke på kontoutskriften innen noen dager, kan du vise denne e-posten til banken din.",
            ]),
      ],
    }),
    refund_failed: (p, c) => ({
      subject: `Refusjonen din på ${c.money(p.amount)} kunne ikke gjennomføres`,
      paragraphs: [
        `Vi prøvde å refundere ${c.money(p.amount)} for bestilling #${c.orderNumber}, men betalingsleverandøren avviste den.`,
        ...(p.reason ? [`Betalingsleverandøren oppga: ${p.reason}`] : []),
        "Hva skjer nå: teamet vårt er varslet og prøver refusjonen på nytt eller betaler deg tilbake på en annen måte innen 2 virkedager. Du trenger ikke gjøre noe. Er kortet ditt byttet ut eller kontoen avsluttet, svar på denne e-posten, så hjelper vi deg.",
      ],
    }),
    refund_manual: (p, c) => ({
      subject: `Vi refunderer ${c.money(p.amount)} manuelt`,
      paragraphs: [
        `Refusjonen på ${c.money(p.amount)} for bestilling #${c.orderNumber} kan ikke gå automatisk tilbake via betalingsleverandøren du betalte med.`,
        "Hva skjer nå: teamet vårt er varslet og betaler deg tilbake på en annen måte innen 2 virkedager. Vi sender deg en e-post så snart pengene er betalt. Du trenger ikke gjøre noe.",
      ],
    }),
    order_cancelled: (p, c) => ({
      subject: `Bestilling #${c.orderNumber} er avbestilt`,
      paragraphs: [
        (cancelReason[p.reason ?? ""] ?? ((n: string) => `Bestillingen din #${n} er avbestilt.`))(
          c.orderNumber,
        ),
        p.amount
          ? `Vi refunderer ${c.money(p.amount)} til den opprinnelige betalingsmåten din og gir deg beskjed når refusjonen er sendt.`
          : p.refunded
            ? "Vi refunderer betalingen til den opprinnelige betalingsmåten din og gir deg beskjed når refusjonen er sendt."
            : "Eventuell reservasjon på kortet ditt for denne bestillingen blir frigitt.",
      ],
    }),
    return_instructions: (p, c) => ({
      subject: `Slik returnerer du varene fra bestilling #${c.orderNumber}`,
      paragraphs: p.items?.length ? [`Returen din fra bestilling #${c.orderNumber}:`] : [],
      list: (p.items ?? []).map((i) => `${i.quantity} × ${i.title}`),
      after: [
        "Slik sender du returen:",
        `1. Pakk varene godt inn, med en lapp med ordrenummer #${c.orderNumber} i pakken.`,
        p.returnAddress
          ? "2. Send pakken til adressen nedenfor."
          : "2. Svar på denne e-posten, så forteller vi deg hvor du skal sende pakken.",
        "3. Ta vare på kvitteringen og sporingsnummeret.",
        p.returnBy
          ? `Vi refunderer så snart varene er mottatt. Send dem senest ${c.date(p.returnBy)}.`
          : "Vi refunderer så snart varene er mottatt.",
      ],
      ...(p.returnAddress && { address: c.address(p.returnAddress) }),
    }),
    sign_in_link: (p, c) => ({
      subject: `Logg inn hos ${c.storeName}`,
      paragraphs: [
        "Bruk lenken nedenfor for å logge inn og se bestillingene dine. Den kan brukes én gang og utløper om 24 timer.",
        "Har du ikke bedt om den, kan du se bort fra denne e-posten.",
      ],
      action: { label: "Logg inn", url: p.url },
    }),
    automation_paused: (p, c) => ({
      subject: `Automatiske refusjoner er satt på pause for ${c.storeName}`,
      paragraphs: [
        `Automatiske refusjoner er satt på pause: ${p.reason}`,
        "Nye godkjente refusjoner venter på en person til automatikken startes igjen i konsollen.",
      ],
      action: { label: "Åpne konsollen", url: c.consoleUrl },
    }),
    webhook_endpoint_failing: (p, c) => ({
      subject: p.disabled
        ? `Et webhook-endepunkt for ${c.storeName} er deaktivert`
        : `Et webhook-endepunkt for ${c.storeName} feiler gjentatte ganger`,
      paragraphs: [
        `Endepunktet ${p.url} har feilet ${p.failures} ganger på rad. Siste feil: ${p.lastError}`,
        "Til det svarer, får systemet bak det ikke vite om nye bestillinger, forespørsler og refusjoner.",
        p.disabled
          ? "Det er deaktivert. Hendelser registreres fortsatt og sendes når du aktiverer det igjen i konsollen."
          : "Leveringene prøves på nytt med økende mellomrom. Det deaktiveres etter 100 feil på rad eller tre dager med feil.",
      ],
      action: { label: "Åpne konsollen", url: c.consoleUrl },
    }),
    refund_attention: (p, c) => ({
      subject: `En refusjon på bestilling #${p.orderNumber} trenger oppfølging`,
      paragraphs: [
        `Bestilling #${p.orderNumber}: ${p.reason}`,
        "Den står under «Needs attention» i refusjonsoversikten.",
      ],
      action: { label: "Åpne refusjonsoversikten", url: `${c.consoleUrl}/refunds?status=attention` },
    }),
    withdrawal_received: (p, c) => ({
      subject: `Vi har mottatt angreskjemaet ditt for bestilling #${c.orderNumber}`,
      paragraphs: [
        `Dette bekrefter at vi mottok at du angret kjøpet (bestilling #${c.orderNumber}) ${c.dateTime(p.submittedAt)}.`,
        "Innholdet i angremeldingen din:",
      ],
      list: [
        `Navn: ${p.name}`,
        `Bestilling: #${c.orderNumber}`,
        p.scope === "all" ? "Angret: hele bestillingen" : "Angret: varene nedenfor",
        ...p.items.map(
          (i) =>
            `${i.quantity} × ${i.title} – ${i.shipped ? "sendt til deg: skal returneres" : "ikke sendt ennå: avbestilt"}`,
        ),
        `Årsak: ${p.reason ?? "ingen oppgitt (du trenger ikke oppgi noen)"}`,
        `Sendt inn: ${c.dateTime(p.submittedAt)} (${p.submittedAt.slice(0, 19).replace("T", " ")} UTC)`,
      ],
      after: [
        "Hva skjer nå: varer som ikke er sendt, avbestilles og refunderes til den opprinnelige betalingsmåten din. Varer du har mottatt, sender du tilbake etter returinstruksjonene vi sender deg på e-post, og vi refunderer så snart de er mottatt.",
        "Ta vare på denne e-posten som dokumentasjon. Du kan også laste ned en kopi av angremeldingen med lenken nedenfor.",
      ],
      action: { label: "Last ned en kopi av angremeldingen", url: p.receiptUrl },
    }),
    refund_fallback: (p, c) => ({
      subject: `Velg hvordan du vil få refusjonen på ${c.money(p.amount)}`,
      paragraphs: [
        `Vi prøvde å refundere ${c.money(p.amount)} for bestilling #${c.orderNumber}, men ${failureWords(p.failureCode)}, så pengene kom ikke fram til deg.`,
        `Velg hvordan du vil få dem: ${listWords(
          p.choices.map((c) => CHOICE_WORDS[c]),
          "eller",
        )}.`,
        `Lenken nedenfor er personlig og virker til ${c.date(p.expiresAt)}. Har den utløpt, svar på denne e-posten, så hjelper vi deg.`,
      ],
      action: { label: "Velg hvordan du får pengene", url: p.url },
    }),
    store_credit_issued: (p, c) => ({
      subject: `Tilgodelappen din på ${c.money(p.amount)}`,
      paragraphs: [
        `Som du valgte, er refusjonen for bestilling #${c.orderNumber} nå en tilgodelapp på ${c.money(p.amount)}.`,
        `Koden din: ${p.code}. Bruk den i kassen; den utløper ikke.`,
      ],
    }),
  },
};

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const CHOICE_WORDS = {
  original: "til kortet ditt igjen når banken har erstattet det",
  bank_transfer: "som bankoverføring",
  store_credit: "som tilgodelapp",
};

/** "a", "a eller b", "a, b eller c". */
function listWords(words: string[], last: string): string {
  return words.length < 2 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} ${last} ${words.at(-1)}`;
}

function failureWords(code: string | undefined): string {
  switch (code) {
    case "expired_or_canceled_card":
      return "kortet er utløpt eller sperret";
    case "account_closed":
      return "kontoen er avsluttet";
    case "lost_or_stolen_card":
      return "kortet er meldt tapt eller stjålet";
    default:
      return "banken avviste den";
  }
}
