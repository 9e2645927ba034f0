/** English strings of `<cab-contract>` and `<cab-statement-request>`. */
export const agreementsEn = {
  contract: {
    title: "Contract",
    signedOut: "Sign in to see your contract.",
    forbidden: "You do not have access to documents.",
    name: (version: string) => `Service agreement, version ${version}`,
    acceptedOn: (date: string) => `Accepted on ${date}`,
    notAccepted: "Not accepted yet.",
    agree: "I have read the service agreement and accept it",
    accept: "Accept",
    accepting: "Accepting…",
    mustAgree: "Tick the box to accept.",
    changed: "The contract has just been updated. Read the new version, then accept it.",
    open: "Open the contract",
  },
  statement: {
    title: "Reconciliation statement",
    signedOut: "Sign in to request a statement.",
    forbidden: "You do not have access to documents.",
    lead: "Every charge and payment of a period with the opening and closing balance. The last day may be today: the statement then runs up to now.",
    from: "From",
    to: "To",
    request: "Request statement",
    requesting: "Requesting…",
    invalid: "Choose both days, the first on or before the last.",
    future: "The last day cannot be after today.",
    tooLong: (days: number) => `A statement covers at most ${days} ${days === 1 ? "day" : "days"}. Choose a shorter period.`,
    preparing: "Preparing the PDF…",
    ready: "Your statement is ready.",
    failed: "The PDF could not be printed. The HTML version is in the list of documents.",
    notRendered: "This site prints no PDFs: the statement is in the list of documents as HTML.",
    slow: "The PDF is taking longer than usual. It will appear in the list of documents.",
    download: "Download the PDF",
  },
};

export type AgreementsMessages = typeof agreementsEn;
