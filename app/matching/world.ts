import { z } from 'zod';
import { ENTRY_KIND_CODES, SUPPORT_TYPE_CODES, TOPIC_CODES } from '~/taxonomy/taxonomy';
import { explainPair, type RegionNames } from './reasons';
import { matchContext, matchLabel, rankCandidates, type MatchProfile } from './score';

/**
 * A "world" of entries as plain JSON (the offline CLI's input, and the evaluation set's): checked
 * with Dutch messages that name the entry, turned into match profiles with the gemeente → region
 * table, and matched every entry against every other.
 */

const point = z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) });

const worldEntrySchema = z.object({
  id: z.string().min(1),
  kind: z.enum(ENTRY_KIND_CODES),
  name: z.string().min(1),
  topics: z.array(z.string()),
  gemeenten: z.array(z.string()).min(1),
  location: point,
  needs: z.array(z.string()).default([]),
  offers: z.array(z.string()).default([]),
  /** Partners by name; one that is another entry's name marks an existing partnership. */
  partners: z.array(z.string()).default([]),
});

const pairSchema = z.tuple([z.string(), z.string()]);

const worldSchema = z.object({
  entries: z.array(z.unknown()),
  partnerships: z.array(pairSchema).default([]),
  dismissals: z.array(pairSchema).default([]),
  openIntroductions: z.record(z.string(), z.number().int().min(0)).default({}),
});

export type WorldEntry = z.infer<typeof worldEntrySchema>;
export type World = Omit<z.infer<typeof worldSchema>, 'entries'> & { entries: WorldEntry[] };

/** What the world needs to know of the regions: each gemeente's name and the `layer:code` of the regions it lies in. */
export type GemeenteRegions = ReadonlyMap<string, { name: string; regions: string[] }>;

export type WorldCheck = { ok: true; world: World } | { ok: false; message: string };

const topicCodes = new Set<string>(TOPIC_CODES);
const supportCodes = new Set<string>(SUPPORT_TYPE_CODES);

const describeEntry = (raw: unknown, index: number) => {
  const id = typeof raw === 'object' && raw !== null && 'id' in raw && typeof raw.id === 'string' ? raw.id : null;
  return id ? `Vermelding "${id}" (nummer ${index + 1})` : `Vermelding nummer ${index + 1}`;
};

const FIELD_NAMES: Record<string, string> = {
  id: 'id',
  kind: 'kind (initiatief of coalitie)',
  name: 'name',
  topics: 'topics',
  gemeenten: 'gemeenten',
  location: 'location (lat, lng)',
  needs: 'needs',
  offers: 'offers',
  partners: 'partners',
};

/** Checks a parsed JSON world: every entry, every code, every pair; the first problem as one Dutch sentence. */
export function checkWorld(data: unknown, gemeenten: GemeenteRegions): WorldCheck {
  const top = worldSchema.safeParse(data);
  if (!top.success) {
    const issue = top.error.issues[0]!;
    return {
      ok: false,
      message: `De wereld is ongeldig bij "${issue.path.join('.') || '(hoofdniveau)'}": verwacht { "entries": [ … ] } met paren als ["idA", "idB"].`,
    };
  }
  const entries: WorldEntry[] = [];
  const ids = new Set<string>();
  for (const [index, raw] of top.data.entries.entries()) {
    const who = describeEntry(raw, index);
    const parsed = worldEntrySchema.safeParse(raw);
    if (!parsed.success) {
      const field = String(parsed.error.issues[0]!.path[0] ?? '');
      return { ok: false, message: `${who}: het veld ${FIELD_NAMES[field] ?? field} ontbreekt of is ongeldig.` };
    }
    const entry = parsed.data;
    if (ids.has(entry.id)) return { ok: false, message: `${who}: het id "${entry.id}" komt twee keer voor.` };
    ids.add(entry.id);
    const unknownTopic = entry.topics.find((code) => !topicCodes.has(code));
    if (unknownTopic) return { ok: false, message: `${who}: onbekende onderwerpcode "${unknownTopic}" (verwacht bijvoorbeeld VITAAL-3).` };
    const unknownGemeente = entry.gemeenten.find((code) => !gemeenten.has(code));
    if (unknownGemeente)
      return { ok: false, message: `${who}: onbekende gemeentecode "${unknownGemeente}" (verwacht bijvoorbeeld GM0268).` };
    for (const field of ['needs', 'offers'] as const) {
      const unknown = entry[field].find((code) => !supportCodes.has(code));
      if (unknown) {
        return {
          ok: false,
          message: `${who}: onbekende code "${unknown}" in ${field} (kies uit ${SUPPORT_TYPE_CODES.join(', ')}).`,
        };
      }
    }
    entries.push(entry);
  }
  for (const field of ['partnerships', 'dismissals'] as const) {
    const unknown = top.data[field].flat().find((id) => !ids.has(id));
    if (unknown) return { ok: false, message: `In ${field} staat het id "${unknown}", maar geen vermelding heeft dat id.` };
  }
  return { ok: true, world: { ...top.data, entries } };
}

export function worldProfile(entry: WorldEntry, gemeenten: GemeenteRegions): MatchProfile {
  const regions = new Set(entry.gemeenten.flatMap((code) => gemeenten.get(code)?.regions ?? []));
  return {
    id: entry.id,
    kind: entry.kind,
    name: entry.name,
    published: true,
    topics: [...new Set(entry.topics)].sort() as MatchProfile['topics'],
    needs: [...new Set(entry.needs)].sort() as MatchProfile['needs'],
    offers: [...new Set(entry.offers)].sort() as MatchProfile['offers'],
    gemeenten: [...new Set(entry.gemeenten)].sort(),
    regions: [...regions].sort(),
    location: entry.location,
    partnerNames: [...new Set(entry.partners)].sort(),
  };
}

export type WorldProposal = { id: string; score: number; label: string; reasons: string[]; gaps: string[] };

/** For every entry of either kind: its best `top` proposals, best first. */
export function matchWorld(world: World, gemeenten: GemeenteRegions, names: RegionNames, top: number): Record<string, WorldProposal[]> {
  const profiles = world.entries.map((entry) => worldProfile(entry, gemeenten));
  const context = matchContext(world);
  const byKind = { initiatief: profiles.filter((p) => p.kind === 'initiatief'), coalitie: profiles.filter((p) => p.kind === 'coalitie') };
  const result: Record<string, WorldProposal[]> = {};
  for (const profile of profiles) {
    const others = byKind[profile.kind === 'initiatief' ? 'coalitie' : 'initiatief'];
    result[profile.id] = rankCandidates(profile, others, context, top).map(({ candidate, pair }) => {
      const { reasons, gaps } = explainPair(pair, profile.kind, names);
      return {
        id: candidate.id,
        score: Math.round(pair.score * 1000) / 1000,
        label: matchLabel(pair.score),
        reasons: reasons.sentences,
        gaps: gaps.map((gap) => gap.sentence),
      };
    });
  }
  return result;
}
