// The profile an attendee's browser runs. Issue 23 adds a small live-demo profile, 'talk', sized to give a
// DRAM-true memory roof in under a minute even on a CPU adapter; until that lands here the room runs
// 'quick' (whose streams fit in cache, so its devices draw compute roofs and points but no memory roof).
// This is the one place that names it: once 'talk' is a profile, the room uses it with no other change.
import type { SuiteProfile } from '../measure/document.ts';
import { PROFILES } from '../measure/profile.ts';

const TALK_PROFILE = 'talk';

export const ROOM_PROFILE: SuiteProfile = TALK_PROFILE in PROFILES ? (TALK_PROFILE as SuiteProfile) : 'quick';
