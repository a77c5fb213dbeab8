/** Customer.io Track API v2: the /entity and /batch operations. https://docs.customer.io/integrations/api/track/tag/track_v2/ */
export const CUSTOMERIO_TRACK_API_VERSION = 'v2'

/** Customer.io Track API v1: DELETE /customers/{identifier} and the /accounts/region check. https://docs.customer.io/api/track/ */
export const CUSTOMERIO_CUSTOMERS_API_VERSION = 'v1'

/** Customer.io Track API v1 metrics, used by reportDeliveryEvent. https://docs.customer.io/api/track/#operation/metrics */
export const CUSTOMERIO_METRICS_API_VERSION = 'v1'
