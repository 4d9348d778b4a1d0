/**
 * What Switchboard itself writes into a chat, in the agent's `language`: the apology for a
 * failed reply, a person joining, a call ending, after-hours and escalation-ladder notices, and
 * the help reason staff read when an operator left a customer waiting.
 * English is the type every other language must match.
 */
import type { ChatLanguage } from '../../../../shared/src/languages';

const en = {
  approvalPending: "I need a member of our team to approve this first — they're checking it now. I'll continue here as soon as they have.",
  toolLimit: "Sorry — I couldn't finish that within the steps I'm allowed. Could you tell me a bit more, or ask for a person?",
  replyFailed: "Sorry — I ran into a problem and couldn't finish that reply. I've asked a member of our team to help.",
  joined: (name: string) => `${name} joined the chat`,
  aiBack: 'The AI assistant is back in the chat and will answer from here.',
  callEnded: 'Your phone call has ended. You can carry on here — we know what was said on the call.',
  callFailed: "We couldn't set up the phone call. You can keep chatting here.",
  /** `day` is the weekday in this language, `time` HH:MM. */
  opening: (day: string, time: string, timezone: string) => `${day} at ${time} (${timezone})`,
  teamBack: (when: string) => `Our team is back ${when}.`,
  teamAway: 'Our team is away at the moment.',
  willReply: "We've noted your request and a person will reply here then.",
  notYet: "Our team hasn't been able to join yet — sorry for the wait. Your request is still with them and someone will reply here as soon as they can.",
  nobodyOnline: "No one from our team is online right now, so a person can't join this chat at the moment. Your request stays open and they'll pick it up here when they're back.",
  withCall: 'If it helps, we can call you instead — enter your phone number in the card below.',
  /** A call offer on a text-only channel (CallDto.text): the customer answers with a number, the gateway requests the call. */
  callOfferText: "We can call you — reply with your phone number in international format (like +14155550123) and we'll ring you.",
  withoutCall: 'You can keep writing here in the meantime.',
  helpNotified: "We've let our team know — a person will join this chat shortly.",
  teamAsked: "I've asked a member of our team to join — they'll be with you shortly.",
  bringingTeam: "I'm bringing in a member of our team who can help with this.",
  /** The help reason when an operator left with a customer waiting on them: they closed the console, or it stopped answering. */
  operatorLeft: {
    closedConsole: (name: string) => `${name} closed the console while the customer was waiting for a reply`,
    consoleStopped: (name: string) => `${name}'s console stopped answering while the customer was waiting for a reply`,
  },
  transcript: { title: (agent: string) => `Conversation with ${agent}`, started: (session: string, when: string) => `Session ${session}, started ${when}`, you: 'You', support: 'Support', notice: 'Notice', yes: 'yes', no: 'no' },
};

export type ChatLines = typeof en;

const de: ChatLines = {
  approvalPending: 'Das muss zuerst jemand aus unserem Team freigeben — es wird gerade geprüft. Ich mache hier weiter, sobald es so weit ist.',
  toolLimit: 'Entschuldigung — ich konnte das nicht in den mir erlaubten Schritten abschließen. Können Sie mir etwas mehr sagen oder nach einer Person fragen?',
  replyFailed: 'Entschuldigung — bei dieser Antwort ist ein Problem aufgetreten, ich konnte sie nicht beenden. Ich habe jemanden aus unserem Team um Hilfe gebeten.',
  joined: (name) => `${name} ist dem Chat beigetreten`,
  aiBack: 'Der KI-Assistent ist zurück im Chat und antwortet ab jetzt.',
  callEnded: 'Ihr Anruf ist beendet. Sie können hier weiterschreiben — wir wissen, was am Telefon besprochen wurde.',
  callFailed: 'Der Anruf ließ sich nicht herstellen. Sie können hier weiterschreiben.',
  opening: (day, time, timezone) => `${day} um ${time} Uhr (${timezone})`,
  teamBack: (when) => `Unser Team ist ab ${when} wieder da.`,
  teamAway: 'Unser Team ist gerade nicht erreichbar.',
  willReply: 'Wir haben Ihr Anliegen notiert, dann antwortet Ihnen hier eine Person.',
  notYet: 'Unser Team konnte noch nicht dazukommen — entschuldigen Sie die Wartezeit. Ihre Anfrage liegt weiter bei uns, jemand antwortet hier, sobald es geht.',
  nobodyOnline: 'Gerade ist niemand aus unserem Team online, deshalb kann im Moment keine Person dazukommen. Ihre Anfrage bleibt offen und wird hier beantwortet, sobald jemand zurück ist.',
  withCall: 'Wenn es hilft, rufen wir Sie auch an — geben Sie dazu unten Ihre Telefonnummer ein.',
  callOfferText: 'Wir können Sie anrufen — antworten Sie mit Ihrer Telefonnummer im internationalen Format (etwa +4930123456), dann rufen wir Sie an.',
  withoutCall: 'Sie können hier in der Zwischenzeit weiterschreiben.',
  helpNotified: 'Wir haben unser Team informiert — gleich kommt eine Person in diesen Chat.',
  teamAsked: 'Ich habe jemanden aus unserem Team gebeten dazuzukommen — gleich ist jemand für Sie da.',
  bringingTeam: 'Ich hole jemanden aus unserem Team dazu, der Ihnen dabei helfen kann.',
  operatorLeft: {
    closedConsole: (name) => `${name} hat die Konsole geschlossen, während der Kunde auf eine Antwort wartete`,
    consoleStopped: (name) => `Die Konsole von ${name} antwortet nicht mehr, während der Kunde auf eine Antwort wartete`,
  },
  transcript: { title: (agent) => `Unterhaltung mit ${agent}`, started: (session, when) => `Sitzung ${session}, begonnen ${when}`, you: 'Sie', support: 'Support', notice: 'Hinweis', yes: 'ja', no: 'nein' },
};

const fr: ChatLines = {
  approvalPending: "Un membre de notre équipe doit d'abord approuver cela — c'est en cours de vérification. Je reprends ici dès que c'est fait.",
  toolLimit: "Désolé — je n'ai pas pu terminer cela dans les étapes qui me sont permises. Pouvez-vous m'en dire un peu plus, ou demander une personne ?",
  replyFailed: "Désolé — un problème m'a empêché de terminer cette réponse. J'ai demandé à un membre de notre équipe de vous aider.",
  joined: (name) => `${name} a rejoint le chat`,
  aiBack: "L'assistant IA est de retour dans le chat et répond à partir d'ici.",
  callEnded: "Votre appel est terminé. Vous pouvez continuer ici — nous savons ce qui s'est dit au téléphone.",
  callFailed: "Nous n'avons pas pu établir l'appel. Vous pouvez continuer à écrire ici.",
  opening: (day, time, timezone) => `${day} à ${time} (${timezone})`,
  teamBack: (when) => `Notre équipe revient ${when}.`,
  teamAway: "Notre équipe n'est pas disponible pour le moment.",
  willReply: 'Nous avons noté votre demande : une personne vous répondra ici à ce moment-là.',
  notYet: "Notre équipe n'a pas encore pu vous rejoindre — désolé pour l'attente. Votre demande est toujours entre leurs mains et quelqu'un vous répondra ici dès que possible.",
  nobodyOnline: "Personne de notre équipe n'est en ligne pour le moment, donc personne ne peut rejoindre ce chat maintenant. Votre demande reste ouverte et sera reprise ici à leur retour.",
  withCall: 'Si vous préférez, nous pouvons vous appeler — saisissez votre numéro dans la carte ci-dessous.',
  callOfferText: 'Nous pouvons vous appeler — répondez avec votre numéro au format international (par ex. +33612345678) et nous vous appellerons.',
  withoutCall: 'Vous pouvez continuer à écrire ici en attendant.',
  helpNotified: 'Nous avons prévenu notre équipe — une personne va rejoindre ce chat sous peu.',
  teamAsked: "J'ai demandé à un membre de notre équipe de nous rejoindre — il sera avec vous sous peu.",
  bringingTeam: 'Je fais appel à un membre de notre équipe qui pourra vous aider.',
  operatorLeft: {
    closedConsole: (name) => `${name} a fermé la console alors que le client attendait une réponse`,
    consoleStopped: (name) => `La console de ${name} ne répond plus alors que le client attendait une réponse`,
  },
  transcript: { title: (agent) => `Conversation avec ${agent}`, started: (session, when) => `Session ${session}, commencée le ${when}`, you: 'Vous', support: 'Support', notice: 'Info', yes: 'oui', no: 'non' },
};

const es: ChatLines = {
  approvalPending: 'Alguien de nuestro equipo tiene que aprobar esto primero; lo están revisando ahora. Seguiré aquí en cuanto lo hagan.',
  toolLimit: 'Lo siento: no pude terminar eso en los pasos que tengo permitidos. ¿Puede contarme un poco más o pedir una persona?',
  replyFailed: 'Lo siento: tuve un problema y no pude terminar esa respuesta. He pedido ayuda a alguien de nuestro equipo.',
  joined: (name) => `${name} se ha unido al chat`,
  aiBack: 'El asistente de IA ha vuelto al chat y responderá a partir de ahora.',
  callEnded: 'Tu llamada ha terminado. Puedes seguir aquí: sabemos lo que se habló por teléfono.',
  callFailed: 'No pudimos hacer la llamada. Puedes seguir escribiendo aquí.',
  opening: (day, time, timezone) => `el ${day} a las ${time} (${timezone})`,
  teamBack: (when) => `Nuestro equipo vuelve ${when}.`,
  teamAway: 'Nuestro equipo no está disponible en este momento.',
  willReply: 'Hemos anotado tu solicitud y una persona te responderá aquí entonces.',
  notYet: 'Nuestro equipo todavía no ha podido unirse; perdona la espera. Tu solicitud sigue con ellos y alguien te responderá aquí en cuanto pueda.',
  nobodyOnline: 'Ahora mismo no hay nadie de nuestro equipo conectado, así que ninguna persona puede unirse a este chat por ahora. Tu solicitud sigue abierta y la retomarán aquí cuando vuelvan.',
  withCall: 'Si te ayuda, podemos llamarte: escribe tu número en la tarjeta de abajo.',
  callOfferText: 'Podemos llamarte: responde con tu número en formato internacional (por ejemplo +34612345678) y te llamamos.',
  withoutCall: 'Mientras tanto, puedes seguir escribiendo aquí.',
  helpNotified: 'Hemos avisado a nuestro equipo: una persona se unirá a este chat en breve.',
  teamAsked: 'He pedido a alguien de nuestro equipo que se una: estará contigo en breve.',
  bringingTeam: 'Voy a avisar a alguien de nuestro equipo que pueda ayudarte con esto.',
  operatorLeft: {
    closedConsole: (name) => `${name} cerró la consola mientras el cliente esperaba una respuesta`,
    consoleStopped: (name) => `La consola de ${name} dejó de responder mientras el cliente esperaba una respuesta`,
  },
  transcript: { title: (agent) => `Conversación con ${agent}`, started: (session, when) => `Sesión ${session}, iniciada el ${when}`, you: 'Tú', support: 'Soporte', notice: 'Aviso', yes: 'sí', no: 'no' },
};

const pt: ChatLines = {
  approvalPending: 'Alguém da nossa equipe precisa aprovar isso primeiro — estão verificando agora. Continuo aqui assim que aprovarem.',
  toolLimit: 'Desculpe — não consegui terminar isso nos passos que me são permitidos. Pode me contar um pouco mais ou pedir uma pessoa?',
  replyFailed: 'Desculpe — tive um problema e não consegui terminar essa resposta. Pedi ajuda a alguém da nossa equipe.',
  joined: (name) => `${name} entrou no chat`,
  aiBack: 'O assistente de IA voltou ao chat e vai responder a partir de agora.',
  callEnded: 'Sua ligação terminou. Você pode continuar por aqui — sabemos o que foi dito na ligação.',
  callFailed: 'Não conseguimos fazer a ligação. Você pode continuar conversando por aqui.',
  opening: (day, time, timezone) => `${day} às ${time} (${timezone})`,
  teamBack: (when) => `Nossa equipe volta ${when}.`,
  teamAway: 'Nossa equipe não está disponível no momento.',
  willReply: 'Anotamos sua solicitação e uma pessoa vai responder aqui nesse horário.',
  notYet: 'Nossa equipe ainda não conseguiu entrar — desculpe a espera. Sua solicitação continua com eles e alguém vai responder aqui assim que puder.',
  nobodyOnline: 'Ninguém da nossa equipe está online agora, então nenhuma pessoa pode entrar neste chat no momento. Sua solicitação continua aberta e será retomada aqui quando voltarem.',
  withCall: 'Se ajudar, podemos ligar para você — informe seu número no cartão abaixo.',
  callOfferText: 'Podemos ligar para você — responda com seu número no formato internacional (por exemplo +5511912345678) e ligaremos.',
  withoutCall: 'Enquanto isso, você pode continuar escrevendo aqui.',
  helpNotified: 'Avisamos nossa equipe — uma pessoa vai entrar neste chat em instantes.',
  teamAsked: 'Pedi para alguém da nossa equipe entrar — já vai falar com você.',
  bringingTeam: 'Vou chamar alguém da nossa equipe que pode ajudar com isso.',
  operatorLeft: {
    closedConsole: (name) => `${name} fechou o console enquanto o cliente esperava uma resposta`,
    consoleStopped: (name) => `O console de ${name} parou de responder enquanto o cliente esperava uma resposta`,
  },
  transcript: { title: (agent) => `Conversa com ${agent}`, started: (session, when) => `Sessão ${session}, iniciada em ${when}`, you: 'Você', support: 'Suporte', notice: 'Aviso', yes: 'sim', no: 'não' },
};

const it: ChatLines = {
  approvalPending: 'Una persona del nostro team deve prima approvarlo: lo stanno verificando ora. Continuo qui appena lo avranno fatto.',
  toolLimit: 'Mi dispiace: non sono riuscito a completarlo nei passaggi che mi sono consentiti. Può dirmi qualcosa in più o chiedere una persona?',
  replyFailed: 'Mi dispiace: ho avuto un problema e non sono riuscito a completare la risposta. Ho chiesto aiuto a una persona del nostro team.',
  joined: (name) => `${name} si è unito alla chat`,
  aiBack: "L'assistente IA è tornato nella chat e risponderà da qui.",
  callEnded: 'La chiamata è terminata. Puoi continuare qui: sappiamo cosa è stato detto al telefono.',
  callFailed: 'Non siamo riusciti ad avviare la chiamata. Puoi continuare a scrivere qui.',
  opening: (day, time, timezone) => `${day} alle ${time} (${timezone})`,
  teamBack: (when) => `Il nostro team torna ${when}.`,
  teamAway: 'Il nostro team al momento non è disponibile.',
  willReply: 'Abbiamo preso nota della tua richiesta: una persona ti risponderà qui in quel momento.',
  notYet: 'Il nostro team non è ancora riuscito a unirsi: scusa per l’attesa. La tua richiesta è ancora in carico e qualcuno ti risponderà qui appena possibile.',
  nobodyOnline: 'Al momento nessuno del nostro team è online, quindi nessuna persona può unirsi a questa chat adesso. La tua richiesta resta aperta e verrà ripresa qui al loro ritorno.',
  withCall: 'Se preferisci, possiamo chiamarti: inserisci il tuo numero nella scheda qui sotto.',
  callOfferText: 'Possiamo chiamarti: rispondi con il tuo numero in formato internazionale (ad esempio +393123456789) e ti chiameremo.',
  withoutCall: 'Nel frattempo puoi continuare a scrivere qui.',
  helpNotified: 'Abbiamo avvisato il nostro team: una persona si unirà a questa chat a breve.',
  teamAsked: 'Ho chiesto a una persona del nostro team di unirsi: sarà da te a breve.',
  bringingTeam: 'Coinvolgo una persona del nostro team che può aiutarti con questo.',
  operatorLeft: {
    closedConsole: (name) => `${name} ha chiuso la console mentre il cliente aspettava una risposta`,
    consoleStopped: (name) => `La console di ${name} ha smesso di rispondere mentre il cliente aspettava una risposta`,
  },
  transcript: { title: (agent) => `Conversazione con ${agent}`, started: (session, when) => `Sessione ${session}, iniziata il ${when}`, you: 'Tu', support: 'Assistenza', notice: 'Avviso', yes: 'sì', no: 'no' },
};

const nl: ChatLines = {
  approvalPending: 'Iemand van ons team moet dit eerst goedkeuren — ze kijken er nu naar. Ik ga hier verder zodra dat gebeurd is.',
  toolLimit: 'Sorry — ik kon dat niet afmaken binnen de stappen die ik mag zetten. Kunt u iets meer vertellen, of om een persoon vragen?',
  replyFailed: 'Sorry — er ging iets mis en ik kon dat antwoord niet afmaken. Ik heb iemand van ons team om hulp gevraagd.',
  joined: (name) => `${name} neemt deel aan de chat`,
  aiBack: 'De AI-assistent is terug in de chat en antwoordt vanaf nu.',
  callEnded: 'Je gesprek is afgelopen. Je kunt hier verder — we weten wat er aan de telefoon is besproken.',
  callFailed: 'We konden het gesprek niet opzetten. Je kunt hier verder chatten.',
  opening: (day, time, timezone) => `${day} om ${time} (${timezone})`,
  teamBack: (when) => `Ons team is er weer op ${when}.`,
  teamAway: 'Ons team is op dit moment niet bereikbaar.',
  willReply: 'We hebben je vraag genoteerd en dan antwoordt een medewerker je hier.',
  notYet: 'Ons team kon nog niet aansluiten — sorry voor het wachten. Je vraag ligt nog bij hen en iemand antwoordt hier zodra het kan.',
  nobodyOnline: 'Er is nu niemand van ons team online, dus er kan op dit moment geen medewerker aansluiten. Je vraag blijft open en wordt hier opgepakt zodra er iemand terug is.',
  withCall: 'Als dat helpt, kunnen we je ook bellen — vul je nummer in op de kaart hieronder.',
  callOfferText: 'We kunnen je bellen — antwoord met je nummer in internationaal formaat (bijvoorbeeld +31612345678) en we bellen je.',
  withoutCall: 'Je kunt hier intussen gewoon verder schrijven.',
  helpNotified: 'We hebben ons team ingelicht — er komt zo een medewerker in deze chat.',
  teamAsked: 'Ik heb iemand van ons team gevraagd om aan te sluiten — je wordt zo geholpen.',
  bringingTeam: 'Ik haal iemand van ons team erbij die je hiermee kan helpen.',
  operatorLeft: {
    closedConsole: (name) => `${name} heeft de console gesloten terwijl de klant op een antwoord wachtte`,
    consoleStopped: (name) => `De console van ${name} reageert niet meer terwijl de klant op een antwoord wachtte`,
  },
  transcript: { title: (agent) => `Gesprek met ${agent}`, started: (session, when) => `Sessie ${session}, gestart op ${when}`, you: 'Jij', support: 'Support', notice: 'Melding', yes: 'ja', no: 'nee' },
};

const LINES: Record<ChatLanguage, ChatLines> = { en, de, fr, es, pt, it, nl };

/** The lines for an agent's `language` (English for an unknown or missing one). */
export function chatLines(language: string | null | undefined): ChatLines {
  return LINES[(language ?? 'en') as ChatLanguage] ?? en;
}
