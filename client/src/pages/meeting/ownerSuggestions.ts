import type { Delegation } from '../../../../shared/api/meetings.js';
import type { OwnerSuggestion } from '../../editor/MinutesEditor.js';

/**
 * Owners offered for an action item: each delegation ("الكويت", "United Kingdom"), the group's
 * members (choosing one links the item to their account), then each attendee by name and by
 * title, labelled with where they come from. Duplicates are offered once.
 */
export function ownerSuggestions(delegations: Delegation[], members: { name: string }[] = [], memberLabel = ''): OwnerSuggestion[] {
  const seen = new Set<string>();
  const out: OwnerSuggestion[] = [];
  const add = (value: string, label?: string) => {
    const key = value.trim();
    if (!key || seen.has(key)) return;
    seen.add(key);
    out.push(label ? { value: key, label } : { value: key });
  };
  for (const delegation of delegations) add(delegation.name);
  for (const member of members) add(member.name, memberLabel || undefined);
  for (const delegation of delegations) {
    for (const attendee of delegation.attendees) {
      add(attendee.name, [attendee.title, delegation.name].filter(Boolean).join(' — '));
      if (attendee.title) add(attendee.title, [attendee.name, delegation.name].filter(Boolean).join(' — '));
    }
  }
  return out;
}
