/** The documents module's public face: invoices, acts, contracts and statements as rendered documents. */
import { defineModule } from "../../kernel/cabinet-module.js";
import { documentRoutes } from "./documents.routes.js";
import { registerDocuments } from "./register-documents.js";

export const documentsModule = defineModule({ name: "documents", routes: documentRoutes, register: registerDocuments });
