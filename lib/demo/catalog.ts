// The demo store "Nordlys Supply": NOK prices in øre, 25 % Norwegian VAT added on top.
export const DEMO_STORE_ID = "nordlys";

export const DEMO_STORE = {
  id: DEMO_STORE_ID,
  name: "Nordlys Supply",
  currency: "NOK",
  timeZone: "Europe/Oslo",
  returnWindowDays: 30,
  shipBySlaDays: 3,
  maxRefundPerOrder: 2_000_000,
  holidays: [
    "2026-01-01",
    "2026-04-02",
    "2026-04-03",
    "2026-04-06",
    "2026-05-01",
    "2026-05-14",
    "2026-05-17",
    "2026-05-25",
    "2026-12-24",
    "2026-12-25",
    "2026-12-26",
    "2026-12-31",
    "2027-01-01",
    "2027-03-25",
    "2027-03-26",
    "2027-03-29",
    "2027-05-01",
    "2027-05-06",
    "2027-05-17",
    "2027-12-24",
    "2027-12-25",
    "2027-12-26",
  ],
  // A made-up warehouse in an Oslo business park: where the demo's approved returns go.
  returnAddress: {
    name: "Nordlys Supply AS – Returlager",
    line1: "Strømsveien 314",
    postalCode: "1081",
    city: "Oslo",
    country: "NO",
  },
} as const;

export type DemoProduct = {
  sku: string;
  title: string;
  variantTitle?: string;
  price: number;
  tags: string[];
  finalSale?: boolean;
  restockable?: boolean;
  inventory: number;
};

export const DEMO_PRODUCTS: DemoProduct[] = [
  {
    sku: "NS-SWEATER-M",
    title: "Aurora Wool Sweater",
    variantTitle: "M / Heather grey",
    price: 129_900,
    tags: ["knitwear"],
    inventory: 40,
  },
  {
    sku: "NS-JACKET-L",
    title: "Fjord Rain Jacket",
    variantTitle: "L / Navy",
    price: 249_900,
    tags: ["outerwear"],
    inventory: 25,
  },
  {
    sku: "NS-BASE-S",
    title: "Merino Base Layer",
    variantTitle: "S / Black",
    price: 69_900,
    tags: ["baselayer"],
    inventory: 60,
  },
  {
    sku: "NS-BEANIE",
    title: "Nordlys Beanie",
    variantTitle: "One size / Moss",
    price: 24_900,
    tags: ["accessories"],
    inventory: 120,
  },
  {
    sku: "NS-SOCKS-3",
    title: "Trail Socks (3-pack)",
    variantTitle: "39–42",
    price: 19_900,
    tags: ["socks", "hygiene"],
    restockable: false,
    inventory: 200,
  },
  {
    sku: "NS-MITTENS-SALE",
    title: "Clearance Mittens",
    variantTitle: "One size / Red",
    price: 14_900,
    tags: ["clearance"],
    finalSale: true,
    inventory: 30,
  },
  {
    sku: "NS-GIFTCARD-500",
    title: "Gift Card 500 kr",
    price: 50_000,
    tags: ["gift-card"],
    finalSale: true,
    restockable: false,
    inventory: 1000,
  },
  {
    sku: "NS-BOTTLE",
    title: "Thermal Bottle 0.75 l",
    variantTitle: "Steel",
    price: 34_900,
    tags: ["gear"],
    inventory: 80,
  },
  {
    sku: "NS-PARKA-M",
    title: "Polar Down Parka",
    variantTitle: "M / Black",
    price: 499_900,
    tags: ["outerwear", "premium"],
    inventory: 12,
  },
];

export const SHIPPING = 9_900;
export const VAT_RATE = 0.25;
export const vat = (amount: number) => Math.round(amount * VAT_RATE);
