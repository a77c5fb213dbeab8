// The catalog's presets: each maps every field of its action to the field's default (the catalog overrides none).
import { defaultValues } from '@segment/actions-core'
import type { Preset } from '@segment/actions-core'
import type { ActionDefinition } from '@segment/actions-core'
import type { Settings } from './generated-types'
import createUpdateDevice from './createUpdateDevice'
import createUpdateObject from './createUpdateObject'
import createUpdatePerson from './createUpdatePerson'
import deleteDevice from './deleteDevice'
import deleteObject from './deleteObject'
import deletePerson from './deletePerson'
import deleteRelationship from './deleteRelationship'
import mergePeople from './mergePeople'
import reportContentEvent from './reportContentEvent'
import reportDeliveryEvent from './reportDeliveryEvent'
import suppressPerson from './suppressPerson'
import trackEvent from './trackEvent'
import trackPageView from './trackPageView'
import trackScreenView from './trackScreenView'
import unsuppressPerson from './unsuppressPerson'

type AnyAction = Pick<ActionDefinition<Settings>, 'fields' | 'defaultSubscription'>

/** Every field mapped to its default: what a workspace gets when it enables the preset. */
function buildDefaultMapping(action: AnyAction): NonNullable<Preset['mapping']> {
  return defaultValues(action.fields) as NonNullable<Preset['mapping']>
}

/** A preset subscribed to its action's default subscription. */
function buildAutomaticPreset(name: string, partnerAction: string, action: AnyAction): Preset {
  if (!action.defaultSubscription) throw new Error(`The action ${partnerAction} has no default subscription.`)
  return {
    name,
    partnerAction,
    subscribe: action.defaultSubscription,
    mapping: buildDefaultMapping(action),
    type: 'automatic'
  }
}

/** A preset for one of Segment's named event sources (warehouse entities, journeys). */
function buildSpecificEventPreset(
  name: string,
  partnerAction: string,
  action: AnyAction,
  eventSlug: Extract<Preset, { type: 'specificEvent' }>['eventSlug']
): Preset {
  return { name, partnerAction, mapping: buildDefaultMapping(action), type: 'specificEvent', eventSlug }
}

export const presets: Preset[] = [
  buildAutomaticPreset('Create or Update Person', 'createUpdatePerson', createUpdatePerson),
  buildAutomaticPreset('Create or Update Device', 'createUpdateDevice', createUpdateDevice),
  buildAutomaticPreset('Delete Device', 'deleteDevice', deleteDevice),
  buildAutomaticPreset('Delete Relationship', 'deleteRelationship', deleteRelationship),
  buildAutomaticPreset('Delete Person', 'deletePerson', deletePerson),
  buildAutomaticPreset('Delete Object', 'deleteObject', deleteObject),
  buildAutomaticPreset('Track Event', 'trackEvent', trackEvent),
  buildAutomaticPreset('Track Page View', 'trackPageView', trackPageView),
  buildAutomaticPreset('Track Screen View', 'trackScreenView', trackScreenView),
  buildAutomaticPreset('Create or Update Object', 'createUpdateObject', createUpdateObject),
  buildAutomaticPreset('Merge People', 'mergePeople', mergePeople),
  buildAutomaticPreset('Suppress Person', 'suppressPerson', suppressPerson),
  buildAutomaticPreset('Unsuppress Person', 'unsuppressPerson', unsuppressPerson),
  buildAutomaticPreset('Report Delivery Event', 'reportDeliveryEvent', reportDeliveryEvent),
  buildAutomaticPreset('Report Content Event', 'reportContentEvent', reportContentEvent),
  buildSpecificEventPreset('Associated Entity Added', 'trackEvent', trackEvent, 'warehouse_entity_added_track'),
  buildSpecificEventPreset('Associated Entity Removed', 'trackEvent', trackEvent, 'warehouse_entity_removed_track'),
  buildSpecificEventPreset('Entities Audience Entered', 'trackEvent', trackEvent, 'warehouse_audience_entered_track'),
  buildSpecificEventPreset('Entities Exited', 'trackEvent', trackEvent, 'warehouse_audience_exited_track'),
  buildSpecificEventPreset(
    'Entities Audience Membership Changed',
    'createUpdatePerson',
    createUpdatePerson,
    'warehouse_audience_membership_changed_identify'
  ),
  buildSpecificEventPreset('Journeys Step Transition Track', 'trackEvent', trackEvent, 'journeys_step_entered_track')
]
