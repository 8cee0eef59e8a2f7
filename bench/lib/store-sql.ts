// SQL-side generation of a large, realistic store: every row is computed inside the database
// from `generate_series` and a seeded hash, so a million orders cost a few multi-row INSERTs per
// batch instead of millions of round trips, and the same seed always gives the same rows.
// Plain SQL with inlined literals: it runs unchanged on PGlite and on PostgreSQL.

export type CatalogVariant = {
  id: string;
  sku: string;
  title: string;
  variantTitle: string;
  price: number;
  finalSale: boolean;
  restockable: boolean;
  tags: string[];
};

export type GenerateOptions = {
  seed: number;
  storeId: string;
  /** Orders 1..total exist when done; this batch writes [from, to]. */
  total: number;
  from: number;
  to: number;
  /** Public numbers are numberBase + i (the demo store uses 700–1012). */
  numberBase: number;
  /** Orders are spread evenly over this many days before `now`, the newest last. */
  spanDays: number;
  now: Date;
  catalog: CatalogVariant[];
  /** Share of delivered orders with a return request (percent) and of those refunded (percent). */
  requestPercent: number;
  refundedPercentOfRequests: number;
};

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** A deterministic UUID (version 4 and RFC variant bits set, so zod's uuid check accepts it). */
const uid = (expr: string) =>
  `overlay(overlay(md5(${expr}) placing '4' from 13 for 1) placing '8' from 17 for 1)::uuid`;

/** A deterministic 63-bit hash of (expr, salt) under the seed. */
const h = (expr: string, salt: number, seed: number) =>
  `(hashint8extended((${expr})::bigint * 16 + ${salt}, ${seed}) & 9223372036854775807)`;

function catalogValues(catalog: CatalogVariant[]) {
  return catalog
    .map(
      (v, k) =>
        `(${k}, ${q(v.id)}::uuid, ${q(v.sku)}, ${q(v.title)}, ${q(v.variantTitle)}, ${v.price}, ${v.finalSale}, ${v.restockable}, ${q(JSON.stringify(v.tags))}::jsonb)`,
    )
    .join(",\n");
}

/** The per-order facts every statement of a batch derives from (a CTE body). */
function ordersSource(o: GenerateOptions) {
  const customers = Math.max(1, Math.ceil(o.total * 0.6));
  const s = o.seed;
  const now = q(o.now.toISOString());
  return `
  base as (
    select g.i,
      ${uid(`${q(`${s}:o:`)} || g.i`)} as order_id,
      (${o.numberBase} + g.i)::text as number,
      ${h("g.i", 1, s)} % ${customers} as customer,
      1 + ${h("g.i", 2, s)} % 4 as n_lines,
      ${now}::timestamptz - make_interval(secs => ((${o.total} - g.i)::float8 / ${o.total}) * ${o.spanDays * 86_400} + ${h("g.i", 7, s)} % 3600) as placed_at,
      ((${o.total} - g.i)::float8 / ${o.total}) * ${o.spanDays} as age_days,
      ${h("g.i", 5, s)} % 100 as req_roll,
      ${h("g.i", 6, s)} % 100 as outcome_roll,
      ${h("g.i", 8, s)} % 1000 as risk_roll,
      ${h("g.i", 9, s)} % 100 as method_roll,
      ${h("g.i", 10, s)} % 20 as req_delay_days
    from generate_series(${o.from}, ${o.to}) g(i)
  ),
  src as (
    select b.*,
      case when b.age_days < 2 then 'unfulfilled' when b.age_days < 5 then 'fulfilled' else 'delivered' end as fstate,
      (b.age_days >= 5 and b.req_roll < ${o.requestPercent}) as has_request,
      (b.age_days >= 5 and b.req_roll < ${o.requestPercent} and b.outcome_roll < ${o.refundedPercentOfRequests}) as refunded,
      ${uid(`${q(`${s}:c:`)} || b.customer`)} as customer_id,
      'shopper' || b.customer || '-${s}@bench.example' as email,
      case when b.method_roll < 70 then 'card' when b.method_roll < 90 then 'wallet' else 'bank_transfer' end as method
    from base b
  ),
  catalog(k, variant_id, sku, title, variant_title, price, final_sale, restockable, tags) as (
    values ${catalogValues(o.catalog)}
  ),
  lines as (
    select src.*, p.p,
      ${uid(`${q(`${s}:l:`)} || src.i || ':' || p.p`)} as line_id,
      c.variant_id, c.sku, c.title, c.variant_title, c.price, c.final_sale, c.restockable, c.tags,
      1 + ${h("src.i * 8 + p.p", 4, s)} % 2 as qty
    from src
    cross join lateral generate_series(1, src.n_lines) p(p)
    join catalog c on c.k = ${h("src.i * 8 + p.p", 3, s)} % ${o.catalog.length}
  ),
  priced as (
    select lines.*, price * qty as gross, (price * qty + 2) / 4 as tax,
      price * qty + (price * qty + 2) / 4 as line_amount
    from lines
  ),
  totals as (
    select i, sum(gross)::int as subtotal, sum(tax)::int as tax_total,
      sum(line_amount) filter (where p = 1)::int as first_amount,
      min(line_id::text) filter (where p = 1)::uuid as first_line,
      min(qty) filter (where p = 1)::int as first_qty
    from priced group by i
  ),
  full_src as (
    select src.*, t.subtotal, t.tax_total, t.first_amount, t.first_line, t.first_qty,
      t.subtotal + t.tax_total + 9900 + 2475 as total,
      src.placed_at + interval '1 day' as shipped_at,
      src.placed_at + interval '3 days' as delivered_at,
      least(src.placed_at + interval '3 days' + make_interval(days => src.req_delay_days::int), ${now}::timestamptz) as request_at
    from src join totals t using (i)
  )`;
}

const PAYMENT_METHOD = `case method
      when 'card' then '{"type":"card","brand":"visa","last4":"4242"}'::jsonb
      when 'wallet' then '{"type":"wallet","wallet":"Vipps"}'::jsonb
      else '{"type":"bank_transfer","bank":"DNB"}'::jsonb end`;

/** All statements for one batch, in FK order; run them in one transaction. */
export function batchStatements(o: GenerateOptions): string[] {
  const w = `with ${ordersSource(o)}`;
  const s = o.seed;
  const store = q(o.storeId);
  return [
    `${w}
    insert into orders (id, store_id, external_id, number, customer_id, email, locale, currency, subtotal,
      discount_total, shipping_total, shipping_tax_total, tax_total, total, captured_amount, refunded_amount,
      financial_status, fulfillment_status, status, risk_level, risk_reasons, placed_at, paid_at, created_at, updated_at)
    select order_id, ${store}, 'bench-' || number, number, customer_id, email,
      (array['en','nb','nb','zh'])[1 + (customer % 4)], 'NOK', subtotal, 0, 9900, 2475, tax_total, total, total,
      case when refunded then first_amount else 0 end,
      case when refunded then 'partially_refunded' else 'paid' end,
      fstate, 'open',
      case when risk_roll < 2 then 'high' when risk_roll < 12 then 'medium' else 'low' end,
      case when risk_roll < 12 then '["Billing and shipping countries differ"]'::jsonb else '[]'::jsonb end,
      placed_at, placed_at + interval '1 minute', placed_at, placed_at
    from full_src`,
    `${w}
    insert into line_items (id, order_id, position, variant_id, sku, title, variant_title, quantity, unit_price,
      discount_allocation, tax_allocation, final_sale, restockable, tags, quantity_fulfilled, quantity_returned, quantity_refunded)
    select line_id, order_id, p - 1, variant_id, sku, title, variant_title, qty, price, 0, tax, final_sale, restockable, tags,
      case when fstate = 'unfulfilled' then 0 else qty end,
      case when refunded and p = 1 then qty else 0 end,
      case when refunded and p = 1 then qty else 0 end
    from priced`,
    `${w}
    insert into payment_transactions (id, order_id, gateway, kind, status, amount, currency, gateway_reference, payment_method, fee, created_at)
    select ${uid(`${q(`${s}:p:`)} || i`)}, order_id, 'sandbox', 'sale', 'success', total, 'NOK', 'pm_ok_' || number,
      ${PAYMENT_METHOD}, 0, placed_at + interval '1 minute'
    from full_src`,
    `${w}
    insert into fulfillments (id, order_id, status, carrier, tracking_number, shipped_at, delivered_at, created_at)
    select ${uid(`${q(`${s}:u:`)} || i`)}, order_id, case when fstate = 'delivered' then 'delivered' else 'in_transit' end,
      (array['Posten','Bring','PostNord'])[1 + (i % 3)], '7071' || lpad(number, 12, '0'), shipped_at,
      case when fstate = 'delivered' then delivered_at end, shipped_at
    from full_src where fstate <> 'unfulfilled'`,
    `${w}
    insert into fulfillment_items (fulfillment_id, line_item_id, quantity)
    select ${uid(`${q(`${s}:u:`)} || i`)}, line_id, qty from priced where fstate <> 'unfulfilled'`,
    `${w}
    insert into requests (id, order_id, type, status, reason_code, idempotency_key, created_by_type, preview_amount,
      currency, decision, decided_at, created_at, updated_at)
    select ${uid(`${q(`${s}:r:`)} || i`)}, order_id, 'return', case when refunded then 'completed' else 'pending_review' end,
      (array['doesnt_fit','no_longer_needed','damaged','wrong_item'])[1 + (i % 4)], 'bench-${s}-request-' || i, 'shopper',
      first_amount, 'NOK',
      case when refunded then '{"outcome":"auto_approve","explanation":"Return inside the 30-day window under the maximum refund"}'::jsonb
        else '{"outcome":"review","explanation":"Sent to a person by the rules"}'::jsonb end,
      case when refunded then request_at end, request_at, request_at
    from full_src where has_request`,
    `${w}
    insert into request_items (request_id, line_item_id, quantity)
    select ${uid(`${q(`${s}:r:`)} || i`)}, first_line, first_qty from full_src where has_request`,
    `${w}
    insert into refunds (id, order_id, store_id, request_id, amount, currency, status, gateway, payment_method_type, payment_reference,
      gateway_refund_id, idempotency_key, attempts, submitted_at, settled_at, created_by_type, created_at, updated_at)
    select ${uid(`${q(`${s}:f:`)} || i`)}, order_id, ${store}, ${uid(`${q(`${s}:r:`)} || i`)}, first_amount, 'NOK', 'succeeded',
      'sandbox', method, 'pm_ok_' || number, 'sbx_re_bench_${s}_' || i, 'bench-${s}-refund-' || i, 1,
      request_at + interval '2 days', request_at + interval '5 days', 'rule', request_at + interval '2 days',
      request_at + interval '5 days'
    from full_src where refunded`,
    `${w}
    insert into refund_lines (refund_id, line_item_id, quantity, amount)
    select ${uid(`${q(`${s}:f:`)} || i`)}, first_line, first_qty, first_amount from full_src where refunded`,
    `${w}
    insert into events (store_id, subject_type, subject_id, order_id, actor_type, type, data, created_at)
    select ${store}, subject_type, subject_id, order_id, actor_type, type, data, at from (
      select i, 1 as k, 'order' as subject_type, order_id::text as subject_id, order_id, 'system' as actor_type,
        'order.placed' as type, jsonb_build_object('number', number, 'total', total) as data, placed_at as at
      from full_src
      union all
      select i, 2, 'order', order_id::text, order_id, 'system',
        case when fstate = 'delivered' then 'fulfillment.delivered' else 'fulfillment.shipped' end, '{}'::jsonb,
        case when fstate = 'delivered' then delivered_at else shipped_at end
      from full_src where fstate <> 'unfulfilled'
      union all
      select i, 3, 'request', ${uid(`${q(`${s}:r:`)} || i`)}::text, order_id, 'shopper', 'request.submitted',
        '{"type":"return"}'::jsonb, request_at
      from full_src where has_request
      union all
      select i, 4, 'refund', ${uid(`${q(`${s}:f:`)} || i`)}::text, order_id, 'gateway', 'refund.succeeded',
        jsonb_build_object('amount', first_amount), request_at + interval '5 days'
      from full_src where refunded
    ) e order by i, k`,
  ];
}

/** Customers referenced by orders 1..total (the same emails the orders carry). */
export function customersStatement(o: {
  seed: number;
  storeId: string;
  total: number;
  from: number;
  to: number;
}) {
  return `insert into customers (id, store_id, email, name)
    select ${uid(`${q(`${o.seed}:c:`)} || k`)}, ${q(o.storeId)}, 'shopper' || k || '-${o.seed}@bench.example', 'Shopper ' || k
    from generate_series(${o.from}, ${o.to}) g(k)`;
}

export const customerCount = (total: number) => Math.max(1, Math.ceil(total * 0.6));

/**
 * Tops the review queue up to `pending` requests waiting for a person, on delivered bench orders
 * that have no request yet (the merchant-queue benchmark asks for 100 k pending).
 */
export function pendingTopUpStatements(o: { seed: number; storeId: string; missing: number; now: Date }) {
  const s = o.seed;
  const picked = `picked as (
      select o.id as order_id, o.number, l.id as line_id, l.quantity,
        l.unit_price * l.quantity + l.tax_allocation as amount,
        least(f.delivered_at + interval '2 days', ${q(o.now.toISOString())}::timestamptz) as at
      from orders o
      join line_items l on l.order_id = o.id and l.position = 0
      join fulfillments f on f.order_id = o.id
      where o.store_id = ${q(o.storeId)} and o.external_id like 'bench-%' and o.fulfillment_status = 'delivered'
        and not exists (select 1 from requests r where r.order_id = o.id)
      order by o.id
      limit ${o.missing}
    )`;
  return [
    `create temp table bench_pending as with ${picked} select * from picked`,
    `insert into requests (id, order_id, type, status, reason_code, idempotency_key, created_by_type, preview_amount,
      currency, decision, created_at, updated_at)
    select ${uid(`${q(`${s}:rx:`)} || number`)}, order_id, 'return', 'pending_review', 'doesnt_fit',
      'bench-${s}-pending-' || number, 'shopper', amount, 'NOK',
      '{"outcome":"review","explanation":"Sent to a person by the rules"}'::jsonb, at, at
    from bench_pending`,
    `insert into request_items (request_id, line_item_id, quantity)
    select ${uid(`${q(`${s}:rx:`)} || number`)}, line_id, quantity from bench_pending`,
    `insert into events (store_id, subject_type, subject_id, order_id, actor_type, type, data, created_at)
    select ${q(o.storeId)}, 'request', ${uid(`${q(`${s}:rx:`)} || number`)}::text, order_id, 'shopper', 'request.submitted',
      '{"type":"return"}'::jsonb, at from bench_pending`,
    `drop table bench_pending`,
  ];
}
