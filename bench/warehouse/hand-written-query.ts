// The bench definition (bench/definitions.ts, fullDefinition) written by hand as one DuckDB query
// over the tables of docs/warehouse.md, as a data engineer who knows the data would write it: the
// practical limit the compiled query is measured against (issue 15: within 2×). It knows what the
// compiler cannot: the synthetic data has no property history, single-valued form names and
// distinct interests, and every point is a multiple of 0.25, so nothing needs rounding. One pass
// over the events with filtered aggregates, one over the properties; the same columns and the
// same nextChangeAt terms as the compiled query (src/sql), which the bench checks row by row.
// Keep it in step with fullDefinition and with bench/hand-loop.ts.

/** The instant the bench scores at, which the window bounds below are worked out for. */
export const HAND_AS_OF = '2026-05-31T12:00:00.000Z';

const A = Date.parse(HAND_AS_OF);
const DAY = 86_400_000;
/** Decay steps of a month (scoring.md §5, D2). */
const STEP = 30 * DAY;
/** The first instant of each `in_last` window at A (calendar.ts); the between-dates window of the Q1 calls. */
const from = {
  days30: A - 30 * DAY,
  weeks2: A - 14 * DAY,
  months3: Date.parse('2026-03-01T00:00:00.000Z'),
  months6: Date.parse('2025-12-01T00:00:00.000Z'),
  year1: Date.parse('2025-05-31T12:00:00.000Z'),
  q1: [Date.parse('2026-01-01T00:00:00.000Z'), Date.parse('2026-04-01T00:00:00.000Z') - 1],
};
/** nextChangeAt of a window in months or years: its fewest days after the oldest event in it (window-leave.ts). */
const leave = (oldest: string, days: number) => `CASE WHEN ${oldest} IS NOT NULL THEN GREATEST(${oldest} + ${days * DAY}, ${A + 1}) END`;
const clamp = (limit: number, x: string) => `GREATEST(-${limit}.0, LEAST(${limit}.0, ${x}))`;

export function handWrittenQuery(): string {
  return `
WITH
ev AS (
  SELECT e.record_id, e.event_type AS type, e.occurred_at_ms AS t, p.form, COALESCE(p.pricing, FALSE) AS pricing,
    CASE WHEN e.occurred_at_ms <= ${A} THEN GREATEST(0.0, 1 - 0.25 * FLOOR(CAST(${A} - e.occurred_at_ms AS DOUBLE) / ${STEP})) END AS d
  FROM events e
  LEFT JOIN (
    SELECT event_id, MAX(CASE WHEN name = 'formName' THEN item_key END) AS form, BOOL_OR(name = 'url' AND instr(item_key, '/pricing') > 0) AS pricing
    FROM event_properties WHERE name = 'formName' OR name = 'url' AND instr(item_key, '/pricing') > 0 GROUP BY event_id
  ) p ON p.event_id = e.event_id
  WHERE e.event_type IN ('form_submission', 'marketing_email_click', 'cta_click', 'meeting_booked', 'page_view',
    'marketing_email_open', 'meeting_completed', 'call_started', 'newsletter_unsubscribe')
),
flagged AS (
  SELECT *,
    CASE WHEN type = 'form_submission' THEN CASE form WHEN 'contact us' THEN 10 WHEN 'demo request' THEN 15 WHEN 'newsletter' THEN 2 END END AS form_worth,
    type = 'page_view' AND pricing AS pricing_view,
    type = 'form_submission' AND form = 'demo request' AND pricing AS demo_from_pricing
  FROM ev
),
engaged AS (
  SELECT record_id,
    COALESCE(SUM(form_worth * d) FILTER (WHERE t <= ${A}), 0) AS forms,
    COALESCE(SUM(3 * d) FILTER (WHERE type = 'marketing_email_click' AND t <= ${A}), 0) AS clicks,
    COALESCE(SUM(2 * d) FILTER (WHERE type = 'cta_click' AND t <= ${A}), 0) AS ctas,
    COALESCE(SUM(10 * d) FILTER (WHERE type = 'meeting_booked' AND t <= ${A}), 0) AS meetings,
    COALESCE(SUM(2 * d) FILTER (WHERE pricing_view AND t <= ${A}), 0) AS pricing_views,
    COUNT(*) FILTER (WHERE type = 'marketing_email_open' AND t <= ${A}) AS opens,
    MAX(t) FILTER (WHERE type = 'marketing_email_open' AND t <= ${A}) AS newest_open,
    COUNT(*) FILTER (WHERE type = 'page_view' AND t BETWEEN ${from.days30} AND ${A}) AS views_30d,
    MIN(t) FILTER (WHERE type = 'page_view' AND t BETWEEN ${from.days30} AND ${A}) AS oldest_view_30d,
    COUNT(*) FILTER (WHERE type = 'marketing_email_open' AND t BETWEEN ${from.months3} AND ${A}) AS opens_3m,
    MIN(t) FILTER (WHERE type = 'marketing_email_open' AND t BETWEEN ${from.months3} AND ${A}) AS oldest_open_3m,
    COUNT(*) FILTER (WHERE type = 'marketing_email_open' AND t BETWEEN ${from.months6} AND ${A}) AS opens_6m,
    MIN(t) FILTER (WHERE type = 'marketing_email_open' AND t BETWEEN ${from.months6} AND ${A}) AS oldest_open_6m,
    COUNT(*) FILTER (WHERE type = 'meeting_completed' AND t BETWEEN ${from.year1} AND ${A}) AS met_1y,
    MIN(t) FILTER (WHERE type = 'meeting_completed' AND t BETWEEN ${from.year1} AND ${A}) AS oldest_met_1y,
    COUNT(*) FILTER (WHERE demo_from_pricing AND t BETWEEN ${from.weeks2} AND ${A}) AS demos_2w,
    MIN(t) FILTER (WHERE demo_from_pricing AND t BETWEEN ${from.weeks2} AND ${A}) AS oldest_demo_2w,
    COUNT(*) FILTER (WHERE type = 'call_started' AND t BETWEEN ${from.q1[0]} AND ${from.q1[1]}) AS calls_q1,
    COUNT(*) FILTER (WHERE type = 'newsletter_unsubscribe' AND t BETWEEN ${from.months6} AND ${A}) AS unsubs_6m,
    MIN(t) FILTER (WHERE type = 'newsletter_unsubscribe' AND t BETWEEN ${from.months6} AND ${A}) AS oldest_unsub_6m,
    -- nextChangeAt: an event of a rule arriving (the Q1 calls' window is over), a decaying one stepping down
    MIN(t) FILTER (WHERE t > ${A} AND type <> 'call_started' AND (type <> 'form_submission' OR form_worth IS NOT NULL OR demo_from_pricing)) AS arriving,
    MIN(CAST(t + (FLOOR(CAST(${A} - t AS DOUBLE) / ${STEP}) + 1) * ${STEP} AS BIGINT)) FILTER (WHERE t <= ${A} AND d > 0
      AND (form_worth IS NOT NULL OR type IN ('marketing_email_click', 'cta_click', 'meeting_booked', 'marketing_email_open') OR pricing_view)) AS next_step
  FROM flagged
  GROUP BY record_id
),
props AS (
  SELECT record_id,
    BOOL_OR(name = 'country' AND item_key IN ('united states', 'canada', 'united kingdom', 'germany')) AS target_country,
    BOOL_OR(name = 'jobtitle' AND (instr(item_key, 'chief') > 0 OR instr(item_key, 'director') > 0 OR starts_with(item_key, 'vp')
      OR starts_with(item_key, 'vice president') OR starts_with(item_key, 'head of'))) AS decision_maker,
    COALESCE(SUM(CASE WHEN name = 'interests' THEN CASE item_key WHEN 'analytics' THEN 5 WHEN 'automation' THEN 4 WHEN 'crm' THEN 3 END END), 0) AS interests,
    COALESCE(MAX(CASE WHEN name = 'lifecyclestage' THEN CASE item_key WHEN 'marketingqualifiedlead' THEN 5 WHEN 'salesqualifiedlead' THEN 10 WHEN 'opportunity' THEN 15 END END), 0) AS stage,
    BOOL_OR(name = 'annualrevenue' AND item_number >= 1000000) AS revenue,
    BOOL_OR(name = 'createdate' AND item_time >= ${from.months6} AND item_time <= ${A}) AS new_contact,
    MIN(CASE WHEN name = 'createdate' THEN CASE WHEN item_time > ${A} THEN CAST(FLOOR(item_time) AS BIGINT)
      WHEN item_time >= ${from.months6} THEN ${leave('CAST(FLOOR(item_time) AS BIGINT)', 168)} END END) AS createdate_change,
    BOOL_OR(name = 'email' AND (ends_with(item_key, '@gmail.com') OR ends_with(item_key, '@yahoo.com') OR ends_with(item_key, '@hotmail.com'))) AS free_mail,
    BOOL_OR(name = 'hs_email_optout' AND item_bool) AS opted_out,
    BOOL_OR(name = 'jobtitle' AND item_key = 'student') AS student,
    BOOL_OR(name = 'employees' AND item_number BETWEEN 200 AND 10000) AS mid_size,
    BOOL_OR(name = 'employees') AS size_known,
    COALESCE(MAX(CASE WHEN name = 'industry' THEN CASE item_key WHEN 'software' THEN 10 WHEN 'financial services' THEN 8 WHEN 'healthcare' THEN 6 END END), 0) AS industry,
    BOOL_OR(name = 'regions' AND item_key IN ('northeast', 'midwest', 'emea')) AS region
  FROM record_properties
  WHERE name IN ('country', 'jobtitle', 'interests', 'lifecyclestage', 'annualrevenue', 'createdate', 'email', 'hs_email_optout', 'employees', 'industry', 'regions')
  GROUP BY record_id
),
-- The engine looks again when a property the definition reads changes on the record or on one
-- associated with it: createdate is the only one that changes with time alone here.
near AS (
  SELECT o.record_id, MIN(p.createdate_change) AS change_at
  FROM (SELECT record_id, record_id AS other FROM records WHERE object_type = 'contact' UNION ALL SELECT from_id, to_id FROM associations WHERE from_type = 'contact') o
  JOIN props p ON p.record_id = o.other
  GROUP BY o.record_id
),
grouped AS (
  SELECT r.record_id, r.position, m.record_id IS NULL AS in_scope,
    ${clamp(50, `CASE WHEN p.target_country THEN 10 ELSE 0 END + CASE WHEN p.decision_maker THEN 15 ELSE 0 END + COALESCE(p.interests, 0) + COALESCE(p.stage, 0)
      + CASE WHEN p.revenue THEN 5 ELSE 0 END + CASE WHEN p.new_contact THEN 5 ELSE 0 END + CASE WHEN p.free_mail THEN -10 ELSE 0 END
      + CASE WHEN p.opted_out THEN -5 ELSE 0 END + CASE WHEN p.student THEN -15 ELSE 0 END`)} AS g0,
    ${clamp(30, `CASE WHEN c.mid_size THEN 10 ELSE 0 END + COALESCE(c.industry, 0) + CASE WHEN c.region THEN 5 ELSE 0 END
      + CASE WHEN COALESCE(c.size_known, FALSE) THEN 0 ELSE -3 END`)} AS g1,
    ${clamp(40, `COALESCE(e.forms, 0) + ${clamp(15, 'COALESCE(e.clicks, 0)')} + COALESCE(e.ctas, 0) + COALESCE(e.meetings, 0) + ${clamp(10, 'COALESCE(e.pricing_views, 0)')}
      + CASE WHEN e.opens >= 5 THEN 5 * GREATEST(0.0, 1 - 0.25 * FLOOR(CAST(${A} - e.newest_open AS DOUBLE) / ${STEP})) ELSE 0 END`)} AS g2,
    ${clamp(30, `CASE WHEN e.views_30d >= 10 THEN 10 ELSE 0 END + CASE WHEN e.opens_3m BETWEEN 1 AND 3 THEN 2 ELSE 0 END + CASE WHEN e.opens_3m >= 4 THEN 5 ELSE 0 END
      + ${clamp(30, '20 * COALESCE(e.met_1y, 0)')} + 10 * COALESCE(e.demos_2w, 0) + ${clamp(10, '5 * COALESCE(e.calls_q1, 0)')}
      + ${clamp(10, '-10 * COALESCE(e.unsubs_6m, 0)')} + CASE WHEN COALESCE(e.opens_6m, 0) = 0 THEN -5 ELSE 0 END`)} AS g3,
    LEAST(e.arriving, e.next_step, e.oldest_view_30d + ${30 * DAY + 1}, ${leave('e.oldest_open_3m', 84)}, ${leave('e.oldest_met_1y', 365)},
      e.oldest_demo_2w + ${14 * DAY + 1}, ${leave('e.oldest_unsub_6m', 168)}, ${leave('e.oldest_open_6m', 168)}, near.change_at) AS horizon
  FROM records r
  LEFT JOIN props p ON p.record_id = r.record_id
  LEFT JOIN associations a ON a.from_id = r.record_id AND a.is_primary
  LEFT JOIN props c ON c.record_id = a.to_id
  LEFT JOIN engaged e ON e.record_id = r.record_id
  LEFT JOIN near ON near.record_id = r.record_id
  LEFT JOIN list_members m ON m.list_id = 'competitors' AND m.record_id = r.record_id
  WHERE r.object_type = 'contact'
),
totals AS (
  SELECT *, ${clamp(100, 'g0 + g1 + g2 + g3')} AS value, ${clamp(100, 'g2 + g3')} AS engagement, ${clamp(100, 'g0 + g1')} AS fit FROM grouped
)
SELECT record_id, in_scope,
  CASE WHEN in_scope THEN value END AS value,
  CASE WHEN in_scope THEN engagement END AS engagement,
  CASE WHEN in_scope THEN fit END AS fit,
  CASE WHEN in_scope THEN CASE WHEN fit >= 40 THEN 'A' WHEN fit >= 20 THEN 'B' ELSE 'C' END
    || CASE WHEN engagement >= 30 THEN '1' WHEN engagement >= 10 THEN '2' ELSE '3' END END AS label,
  CASE WHEN in_scope THEN [{'id': 'contact-fit', 'value': g0}, {'id': 'company-fit', 'value': g1}, {'id': 'engagement', 'value': g2}, {'id': 'intent', 'value': g3}] END AS groups,
  CASE WHEN in_scope THEN horizon END AS next_change_at
FROM totals
ORDER BY position`;
}
