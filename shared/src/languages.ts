/** The languages the widget speaks and an agent's own lines to customers can be in. */
export const CHAT_LANGUAGES = ['en', 'de', 'fr', 'es', 'pt', 'it', 'nl'] as const;
export type ChatLanguage = (typeof CHAT_LANGUAGES)[number];
