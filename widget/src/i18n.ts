/**
 * Every string the widget shows, per language. Chosen once at start-up from `data-lang`,
 * else the browser's language, else English. Keep the keys identical in every language:
 * the `Strings` type is derived from English so a missing translation is a type error.
 */
const en = {
  launcherOpen: 'Open chat',
  launcherClose: 'Close chat',
  unread: (n: number) => (n === 1 ? '1 unread message' : `${n} unread messages`),
  dialogLabel: (title: string) => `Chat: ${title}`,
  defaultTitle: 'Chat with us',
  minimise: 'Minimise chat',
  messagesLabel: 'Conversation',
  composerLabel: 'Your message',
  composerPlaceholder: 'Write a message…',
  send: 'Send',
  sending: 'Sending…',
  retry: 'Retry',
  talkToHuman: 'Talk to a human',
  helpRequested: 'A person has been asked to join',
  supportJoined: 'A person has joined',
  aiAssistant: 'AI assistant',
  endChat: 'End chat',
  endChatConfirm: 'End this chat?',
  cancel: 'Cancel',
  closedTitle: 'This chat has ended',
  startNew: 'Start a new chat',
  csatQuestion: 'How did we do?',
  csatStar: (n: number) => (n === 1 ? '1 star' : `${n} stars`),
  csatComment: 'Anything to add? (optional)',
  csatSubmit: 'Send rating',
  csatThanks: 'Thanks for your feedback!',
  attachFile: 'Attach a file',
  uploading: 'Uploading…',
  attachmentFailed: "The file couldn't be loaded",
  offline: "You're offline — we'll send your messages when you're back",
  connecting: 'Connecting…',
  thinking: 'thinking…',
  typing: 'typing…',
  personTyping: (name: string) => `${name} is typing…`,
  support: 'support',
  you: 'You',
  system: 'Notice',
  interrupted: 'Reply cut short',
  failed: "The reply couldn't be completed",
  callOfferTitle: 'Would you like us to call you?',
  callPhoneLabel: 'Phone number (international format, e.g. +4930123456)',
  callPhoneInvalid: 'Please enter the number in international format, starting with +',
  callAccept: 'Call me',
  callDecline: 'No thanks',
  callStatus: {
    offered: 'Call offered',
    requested: "We'll call you shortly",
    ringing: 'Your phone should be ringing now',
    in_progress: 'Call in progress',
    completed: 'Call finished',
    failed: "The call didn't go through",
  },
  errors: {
    rate_limited: (seconds: number) => `You're sending messages too quickly — retrying in ${seconds}s`,
    message_too_large: 'This message is too long to send',
    session_closed: 'This chat has ended, so the message was not sent',
    origin_not_allowed: "Chat isn't available on this site",
    unavailable: 'Chat is unavailable right now',
    generic: "Something went wrong — the message wasn't sent",
  },
};

export type Strings = typeof en;

const de: Strings = {
  launcherOpen: 'Chat öffnen',
  launcherClose: 'Chat schließen',
  unread: (n: number) => (n === 1 ? '1 ungelesene Nachricht' : `${n} ungelesene Nachrichten`),
  dialogLabel: (title: string) => `Chat: ${title}`,
  defaultTitle: 'Schreiben Sie uns',
  minimise: 'Chat minimieren',
  messagesLabel: 'Unterhaltung',
  composerLabel: 'Ihre Nachricht',
  composerPlaceholder: 'Nachricht schreiben…',
  send: 'Senden',
  sending: 'Wird gesendet…',
  retry: 'Erneut senden',
  talkToHuman: 'Mit einem Menschen sprechen',
  helpRequested: 'Eine Person wurde gebeten, dazuzukommen',
  supportJoined: 'Eine Person ist dem Chat beigetreten',
  aiAssistant: 'KI-Assistent',
  endChat: 'Chat beenden',
  endChatConfirm: 'Diesen Chat beenden?',
  cancel: 'Abbrechen',
  closedTitle: 'Dieser Chat wurde beendet',
  startNew: 'Neuen Chat beginnen',
  csatQuestion: 'Wie war unser Service?',
  csatStar: (n: number) => (n === 1 ? '1 Stern' : `${n} Sterne`),
  csatComment: 'Möchten Sie etwas ergänzen? (optional)',
  csatSubmit: 'Bewertung senden',
  csatThanks: 'Danke für Ihr Feedback!',
  attachFile: 'Datei anhängen',
  uploading: 'Wird hochgeladen…',
  attachmentFailed: 'Die Datei konnte nicht geladen werden',
  offline: 'Sie sind offline — wir senden Ihre Nachrichten, sobald Sie wieder online sind',
  connecting: 'Verbinde…',
  thinking: 'denkt nach…',
  typing: 'schreibt…',
  personTyping: (name: string) => `${name} schreibt…`,
  support: 'Support',
  you: 'Sie',
  system: 'Hinweis',
  interrupted: 'Antwort abgebrochen',
  failed: 'Die Antwort konnte nicht fertiggestellt werden',
  callOfferTitle: 'Sollen wir Sie anrufen?',
  callPhoneLabel: 'Telefonnummer (international, z. B. +4930123456)',
  callPhoneInvalid: 'Bitte geben Sie die Nummer im internationalen Format mit + ein',
  callAccept: 'Rufen Sie mich an',
  callDecline: 'Nein, danke',
  callStatus: {
    offered: 'Anruf angeboten',
    requested: 'Wir rufen Sie gleich an',
    ringing: 'Ihr Telefon sollte jetzt klingeln',
    in_progress: 'Anruf läuft',
    completed: 'Anruf beendet',
    failed: 'Der Anruf kam nicht zustande',
  },
  errors: {
    rate_limited: (seconds: number) => `Sie senden zu schnell — neuer Versuch in ${seconds} s`,
    message_too_large: 'Diese Nachricht ist zu lang',
    session_closed: 'Dieser Chat wurde beendet, die Nachricht wurde nicht gesendet',
    origin_not_allowed: 'Der Chat ist auf dieser Website nicht verfügbar',
    unavailable: 'Der Chat ist gerade nicht erreichbar',
    generic: 'Etwas ist schiefgelaufen — die Nachricht wurde nicht gesendet',
  },
};

const dictionaries: Record<string, Strings> = { en, de };

/** The language tag actually used (`en` or `de`), from an explicit choice or the browser's list. */
export function pickLanguage(explicit: string | undefined, browser: readonly string[]): string {
  for (const tag of [explicit, ...browser]) {
    const base = tag?.toLowerCase().split('-')[0];
    if (base && base in dictionaries) return base;
  }
  return 'en';
}

/** The dictionary for a language picked with `pickLanguage`. */
export function stringsFor(lang: string): Strings {
  return dictionaries[lang] ?? en;
}
