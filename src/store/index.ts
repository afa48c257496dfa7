/** Storage wiring: one Tables helper, one store per aggregate. */
import { AssessmentStore } from "./assessments.js";
import { CampaignStore } from "./campaigns.js";
import { ParticipantStore } from "./participants.js";
import { RoleStore } from "./roles.js";
import { Tables } from "./tables.js";

export { ConcurrencyError, AlreadyExistsError, Tables } from "./tables.js";
export type { Participant } from "./participants.js";
export type { RoleChange, RoleHolder } from "./roles.js";

export interface Stores {
  readonly tables: Tables;
  readonly campaigns: CampaignStore;
  readonly assessments: AssessmentStore;
  readonly participants: ParticipantStore;
  readonly roles: RoleStore;
}

export async function openStores(connectionString: string, tablePrefix: string): Promise<Stores> {
  const tables = new Tables(connectionString, tablePrefix);
  await tables.ensureTables();
  return {
    tables,
    campaigns: new CampaignStore(tables),
    assessments: new AssessmentStore(tables),
    participants: new ParticipantStore(tables),
    roles: new RoleStore(tables),
  };
}
