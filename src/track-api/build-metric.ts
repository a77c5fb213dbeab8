// Pure: what reportDeliveryEvent describes (a MetricSpec) → the body of POST /api/v1/metrics. The v1 metrics call is
// not a v2 item, so it has its own builder; empty values are left out, as build-item.ts does for items.
import { hasText, hasValue } from './build-item'
import { readTimestamp } from './timestamps'
import type { MetricsRequestBody } from './types'

/** What a delivery-metric mapper returns: the mapped values, before any rule is applied. */
export interface MetricSpec {
  delivery_id: string
  metric: string
  /** When the metric happened, as readTimestamp reads it; the current time when it is missing or unreadable. */
  timestamp?: string | number
  recipient?: string
  reason?: string
  href?: string
  /** In-app clicks: sent as `metadata.action_name` and `metadata.action_value`. */
  action_name?: string
  action_value?: string
}

export function buildMetricsBody(spec: MetricSpec, nowSeconds: number): MetricsRequestBody {
  const body: MetricsRequestBody = {
    delivery_id: spec.delivery_id,
    metric: spec.metric,
    timestamp: (hasValue(spec.timestamp) ? readTimestamp(spec.timestamp) : undefined) ?? nowSeconds
  }
  if (hasText(spec.recipient)) body.recipient = spec.recipient
  if (hasText(spec.reason)) body.reason = spec.reason
  if (hasText(spec.href)) body.href = spec.href
  if (hasText(spec.action_name) || hasText(spec.action_value)) {
    body.metadata = {}
    if (hasText(spec.action_name)) body.metadata.action_name = spec.action_name
    if (hasText(spec.action_value)) body.metadata.action_value = spec.action_value
  }
  return body
}
