// How long an administrator's stated reason keeps a patient's records open on their session.
export const ACCESS_MINUTES = 30;
