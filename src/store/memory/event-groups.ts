import { UNDATED_SORT_MS } from '../analysis-filters.js';
import { pickGroup, type GroupKey } from '../event-groups.js';

/** One event record of the in-memory adapter: its key and its member event ids (SQLite: event_groups and event_group_members). */
export interface MemoryGroup extends GroupKey {
  readonly id: number;
  readonly sortMs: number;
  readonly members: Set<number>;
}

/** Event records in memory, grouped by the same rule (store/event-groups.ts) and numbered like SQLite rows. */
export class MemoryEventGroups {
  private readonly groups = new Map<number, MemoryGroup>();
  private readonly groupOf = new Map<number, number>();
  private nextId = 1;

  get maxId(): number {
    return this.nextId - 1;
  }

  /** Takes events out of their records; records left empty go. */
  ungroup(eventIds: Iterable<number>): void {
    for (const eventId of eventIds) {
      const groupId = this.groupOf.get(eventId);
      if (groupId === undefined) continue;
      this.groupOf.delete(eventId);
      const group = this.groups.get(groupId)!;
      group.members.delete(eventId);
      if (group.members.size === 0) this.groups.delete(groupId);
    }
  }

  group(eventId: number, key: GroupKey): void {
    const candidates = [...this.groups.values()].filter((g) => g.sourceKey === key.sourceKey && g.targetKey === key.targetKey && g.root === key.root);
    let group = pickGroup(key, candidates);
    if (!group) {
      group = { ...key, id: this.nextId++, sortMs: key.dayMs ?? UNDATED_SORT_MS, members: new Set() };
      this.groups.set(group.id, group);
    }
    group.members.add(eventId);
    this.groupOf.set(eventId, group.id);
  }

  /** The record of an event, if it is grouped. */
  groupOfEvent(eventId: number): MemoryGroup | undefined {
    const id = this.groupOf.get(eventId);
    return id === undefined ? undefined : this.groups.get(id);
  }
}
