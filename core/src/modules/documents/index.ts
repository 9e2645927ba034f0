/** The documents module's public face: invoices, acts, contracts and statements as rendered documents. */
import { defineModule } from "../../kernel/cabinet-module.js";
import { DocumentsPersonalData } from "./documents-personal-data.js";
import { TOKENS } from "../../kernel/tokens.js";
import { documentRoutes } from "./documents.routes.js";
import { NamedPayers } from "./named-payers.js";
import { registerDocuments, startDocuments } from "./register-documents.js";

export const documentsModule = defineModule({
  name: "documents",
  routes: documentRoutes,
  register(container) {
    registerDocuments(container);
    container.register(TOKENS.PersonalDataSources, { useClass: DocumentsPersonalData });
    container.register(TOKENS.MovementPayers, { useClass: NamedPayers });
  },
  start: startDocuments,
});

export { DocumentsPersonalData };
