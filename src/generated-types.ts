// Generated file. DO NOT MODIFY IT BY HAND.

export interface Settings {
  /**
   * Your Customer.io Site ID, from Settings → Workspace Settings → API Credentials.
   */
  siteId: string
  /**
   * The Track API key that belongs to that Site ID.
   */
  apiKey: string
  /**
   * The region your Customer.io account lives in; it chooses the Track API host.
   */
  accountRegion?: string
}
