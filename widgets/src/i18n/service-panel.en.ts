/** English strings of `<cab-service-panel>`: the part of a service's page its provisioner adds. */
export const servicePanelEn = {
  panel: {
    title: "Server",
    loading: "Loading the server's details…",
    unavailable: "The server's details are unavailable right now. Try again in a moment.",
    details: "Details",
    credentials: "Access",
    hidden: "••••••••",
    reveal: "Show",
    hide: "Hide",
    revealTitle: (label: string) => `Show ${label}`,
    revealHint: "Confirm it is you: enter your password.",
    password: "Your password",
    code: "Code from your authenticator app",
    confirmReveal: "Show",
    revealing: "Checking…",
    noRevealRight: "Your role does not allow seeing credentials.",
    actions: "Actions",
    confirmAction: (label: string) => `Yes, ${label.toLowerCase()}`,
    cancel: "Cancel",
    running: "Working…",
    done: (label: string) => `${label}: done.`,
    failed: (reason: string) => `The server could not do this: ${reason}`,
    notAllowed: "Your role does not allow this.",
    controlPanel: "Control panel",
    opening: "Opening…",
    linkNote: "Opens in a new tab, signed in. The link works once, for a minute.",
    usage: "Usage",
    chart: (label: string, last: string, max: string) => `${label}: now ${last}, highest ${max}`,
  },
};

export type ServicePanelMessages = typeof servicePanelEn;
