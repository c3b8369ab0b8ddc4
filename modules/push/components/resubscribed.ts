// Where the service worker leaves a subscription it renewed on its own (pushsubscriptionchange,
// app/sw.ts) for the notification centre's card to store on the next visit: a worker cannot call
// a server action. Shared by the worker and the card.

export const RESUBSCRIBED_CACHE = "campusnet-push";
export const RESUBSCRIBED_KEY = "/__push/resubscribed";
