/** Storage wiring: one Tables helper, one store per aggregate. */
import { ActionImportStore } from "./action-imports.js";
import { ActionStore } from "./actions.js";
import { AssessmentStore } from "./assessments.js";
import { CampaignStore } from "./campaigns.js";
import { CertificationStore } from "./certification.js";
import { StandardStore } from "./standards.js";
import { ParticipantStore } from "./participants.js";
import { RoleStore } from "./roles.js";
import { Tables } from "./tables.js";
import { TenantDirectory } from "./tenants.js";
import { DigestStore } from "./digests.js";
import { OutboxStore } from "./outbox.js";
import { FileStore } from "./files.js";
import { migrate } from "./migrations.js";
import { mendCopies } from "./campaign-copies.js";

export { ConcurrencyError, AlreadyExistsError, Tables, countStorageRequests } from "./tables.js";
export { mendCopies, type HeldCopies } from "./campaign-copies.js";
export type { Participant } from "./participants.js";
export type { RoleChange, RoleHolder } from "./roles.js";
export type { CertificationChange } from "./certification.js";
export { TooLargeToKeepError, type PendingImport } from "./files.js";
export type { StoredReport } from "./action-rows.js";
export type { UnitRead } from "./assessments.js";
export { relatedTo, type CouncilRelated } from "./council-related.js";
export type { CarriedLastCycle } from "./copy-last-cycle.js";

export interface Stores {
  readonly tables: Tables;
  readonly campaigns: CampaignStore;
  readonly assessments: AssessmentStore;
  readonly participants: ParticipantStore;
  readonly roles: RoleStore;
  readonly certification: CertificationStore;
  readonly standards: StandardStore;
  readonly actions: ActionStore;
  readonly actionImports: ActionImportStore;
  readonly tenants: TenantDirectory;
  readonly outbox: OutboxStore;
  readonly digests: DigestStore;
  readonly files: FileStore;
}

export async function openStores(connectionString: string, tablePrefix: string): Promise<Stores> {
  const tables = new Tables(connectionString, tablePrefix);
  await tables.ensureTables();
  await migrate(tables);
  await mendCopies(tables);
  return {
    tables,
    campaigns: new CampaignStore(tables),
    assessments: new AssessmentStore(tables),
    participants: new ParticipantStore(tables),
    actions: new ActionStore(tables),
    actionImports: new ActionImportStore(tables),
    tenants: new TenantDirectory(tables),
    outbox: new OutboxStore(tables),
    digests: new DigestStore(tables),
    files: new FileStore(tables),
    roles: new RoleStore(tables),
    certification: new CertificationStore(tables),
    standards: new StandardStore(tables),
  };
}
