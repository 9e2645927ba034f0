// The Russian strings of every widget family, in one chunk of their own (see locales.ts).
import { accessRu } from "./access.ru.js";
import { payersRu } from "./payers.ru.js";
import { agreementsRu } from "./agreements.ru.js";
import { servicePanelRu } from "./service-panel.ru.js";
import { billingRu } from "./billing.ru.js";
import { provideRussian } from "./locales.js";
import { privacyRu } from "./privacy.ru.js";
import { ru } from "./ru.js";
import { securityRu } from "./security.ru.js";
import { servicesRu } from "./services.ru.js";
import { supportRu } from "./support.ru.js";

provideRussian({
  common: ru,
  billing: billingRu,
  services: servicesRu,
  support: supportRu,
  privacy: privacyRu,
  security: securityRu,
  access: accessRu,
  servicePanel: servicePanelRu,
  agreements: agreementsRu,
  payers: payersRu,
});
