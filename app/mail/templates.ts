/**
 * Every message the app sends, in one place: plain Dutch text with one link. The link is absolute,
 * built from the configured public origin by the caller.
 */
export type MailContent = { subject: string; text: string };

/** A part of a digest: a heading and its lines (each ending in a link). */
export type DigestSection = { heading: string; lines: string[] };

const signature = '\n\nMet vriendelijke groet,\nSamenspel';

export const mailTemplates = {
  verifyEmail: ({ name, link }: { name: string; link: string }): MailContent => ({
    subject: 'Bevestig je e-mailadres voor Samenspel',
    text:
      `Hallo ${name},\n\n` +
      `Je hebt een account aangemaakt bij Samenspel. Bevestig je e-mailadres via deze link:\n\n${link}\n\n` +
      'De link is 24 uur geldig. Heb je geen account aangemaakt? Dan kun je dit bericht negeren.' +
      signature,
  }),

  /** To an address that already has an account, when someone tries to register it again. */
  accountExists: ({ signInLink, resetLink }: { signInLink: string; resetLink: string }): MailContent => ({
    subject: 'Je hebt al een account bij Samenspel',
    text:
      'Iemand probeerde met dit e-mailadres een account aan te maken bij Samenspel, maar er bestaat al een account.\n\n' +
      `Was jij dat? Log dan in:\n\n${signInLink}\n\nWachtwoord vergeten? Kies een nieuw wachtwoord:\n\n${resetLink}\n\n` +
      'Was jij het niet? Dan hoef je niets te doen; je account blijft zoals het is.' +
      signature,
  }),

  resetPassword: ({ name, link }: { name: string; link: string }): MailContent => ({
    subject: 'Nieuw wachtwoord voor Samenspel',
    text:
      `Hallo ${name},\n\n` +
      `Je hebt gevraagd om een nieuw wachtwoord. Kies er een via deze link:\n\n${link}\n\n` +
      'De link is een uur geldig en werkt één keer. Heb je niets gevraagd? Dan kun je dit bericht negeren; je wachtwoord blijft hetzelfde.' +
      signature,
  }),

  passwordChanged: ({ name, resetLink }: { name: string; resetLink: string }): MailContent => ({
    subject: 'Je wachtwoord voor Samenspel is gewijzigd',
    text:
      `Hallo ${name},\n\n` +
      'Het wachtwoord van je account is zojuist gewijzigd en je bent op alle andere apparaten uitgelogd.\n\n' +
      `Was jij dit niet? Kies dan meteen een nieuw wachtwoord:\n\n${resetLink}` +
      signature,
  }),

  entryApproved: ({ name, entryName, link }: { name: string; entryName: string; link: string }): MailContent => ({
    subject: `Je vermelding "${entryName}" staat op Samenspel`,
    text: `Hallo ${name},\n\nJe vermelding "${entryName}" is goedgekeurd en staat nu in de gids:\n\n${link}` + signature,
  }),

  entryRejected: ({ name, entryName, reason, link }: { name: string; entryName: string; reason: string; link: string }): MailContent => ({
    subject: `Je vermelding "${entryName}" is nog niet goedgekeurd`,
    text:
      `Hallo ${name},\n\nJe vermelding "${entryName}" is beoordeeld en nog niet gepubliceerd. De reden:\n\n${reason}\n\n` +
      `Je kunt de vermelding aanpassen en opnieuw indienen via:\n\n${link}` +
      signature,
  }),

  claimDecided: ({
    name,
    entryName,
    reason,
    link,
  }: {
    name: string;
    entryName: string;
    reason: string | null;
    link: string;
  }): MailContent => ({
    subject: reason === null ? `Je beheert nu "${entryName}" op Samenspel` : `Je verzoek om "${entryName}" te beheren is afgewezen`,
    text:
      `Hallo ${name},\n\n` +
      (reason === null
        ? `Je verzoek is goedgekeurd: je bent nu eigenaar van "${entryName}" en kunt de vermelding bijwerken.\n\n${link}`
        : `Je verzoek om "${entryName}" te beheren is afgewezen. De reden:\n\n${reason}\n\n${link}`) +
      signature,
  }),

  coOwnerInvitation: ({ inviter, entryName, link }: { inviter: string; entryName: string; link: string }): MailContent => ({
    subject: `Uitnodiging: beheer "${entryName}" mee op Samenspel`,
    text:
      `Hallo,\n\n${inviter} nodigt je uit om de vermelding "${entryName}" op Samenspel mee te beheren. ` +
      `Log in (of maak een account aan met dit e-mailadres) en neem de uitnodiging aan via:\n\n${link}\n\n` +
      'De link is een week geldig en werkt één keer. Verwacht je dit niet? Dan kun je dit bericht negeren.' +
      signature,
  }),

  /** To the owners of the entry asked (or, when it has none, to curators, `brokered`). */
  introductionRequested: ({
    fromName,
    toName,
    message,
    brokered,
    link,
  }: {
    fromName: string;
    toName: string;
    message: string;
    brokered: boolean;
    link: string;
  }): MailContent => ({
    subject: brokered ? `Introductie te begeleiden: "${fromName}" zoekt "${toName}"` : `"${fromName}" wil kennismaken met "${toName}"`,
    text:
      'Hallo,\n\n' +
      (brokered
        ? `"${fromName}" vraagt via Samenspel om een introductie bij "${toName}". Die vermelding heeft nog geen beheerder; ` +
          'als curator kun je het contact leggen en daarna vastleggen of het doorgaat.'
        : `"${fromName}" vraagt via Samenspel om kennis te maken met "${toName}".`) +
      `\n\nHun bericht:\n\n${message}\n\nLees het verzoek en antwoord via:\n\n${link}\n\n` +
      'Contactgegevens worden pas uitgewisseld als het verzoek wordt geaccepteerd.' +
      signature,
  }),

  /** To the requester: the answer, and after an acceptance who to contact. */
  introductionAnswered: ({
    fromName,
    toName,
    accepted,
    reason,
    link,
  }: {
    fromName: string;
    toName: string;
    accepted: boolean;
    reason: string | null;
    link: string;
  }): MailContent => ({
    subject: accepted ? `"${toName}" wil kennismaken met "${fromName}"` : `Je verzoek aan "${toName}" is afgewezen`,
    text:
      'Hallo,\n\n' +
      (accepted
        ? `Je verzoek om "${fromName}" te introduceren bij "${toName}" is geaccepteerd. De contactgegevens staan nu in je berichten:`
        : `Je verzoek om "${fromName}" te introduceren bij "${toName}" is afgewezen.` +
          (reason ? ` De reden:\n\n${reason}\n\nJe berichten:` : '\n\nJe berichten:')) +
      `\n\n${link}` +
      signature,
  }),

  /** Six weeks after an acceptance, to each side's owners (or curators). */
  checkReminder: ({ name, entryNames, link }: { name: string; entryNames: string[]; link: string }): MailContent => ({
    subject:
      entryNames.length === 1
        ? `Klopt "${entryNames[0]}" op Samenspel nog?`
        : `Kloppen je ${entryNames.length} vermeldingen op Samenspel nog?`,
    text:
      `Hallo ${name},\n\nDeze vermeldingen zijn al een jaar niet gecontroleerd:\n\n` +
      entryNames.map((entryName) => `- ${entryName}`).join('\n') +
      `\n\nKlopt alles nog? Laat het met één klik weten ("Klopt nog"), of wijzig wat niet meer klopt, via:\n\n${link}\n\n` +
      'Zo weten gemeenten en initiatieven dat ze op deze gegevens kunnen rekenen.' +
      signature,
  }),

  followUpQuestion: ({ entryName, partnerName, link }: { entryName: string; partnerName: string; link: string }): MailContent => ({
    subject: `Heeft het contact tussen "${entryName}" en "${partnerName}" geleid tot samenwerking?`,
    text:
      `Hallo,\n\nZes weken geleden maakten "${entryName}" en "${partnerName}" via Samenspel kennis. ` +
      'Heeft dit geleid tot samenwerking? Antwoord met één klik (ja, nog bezig of nee) via:\n\n' +
      `${link}\n\nJe antwoord helpt ons zien welke voorstellen werken.` +
      signature,
  }),

  accountDeleted: ({
    name,
    handedOver,
    contact,
    privacyLink,
  }: {
    name: string;
    handedOver: number;
    contact: string;
    privacyLink: string;
  }): MailContent => ({
    subject: 'Je account bij Samenspel is verwijderd',
    text:
      `Hallo ${name},\n\n` +
      'Je account bij Samenspel is verwijderd, met je naam, wachtwoord, sessies, concepten, claims en uitnodigingen. ' +
      'Deze e-mail is het laatste bericht dat we je sturen.\n\n' +
      (handedOver === 0
        ? ''
        : `${handedOver === 1 ? 'De vermelding die alleen jij beheerde, blijft' : `De ${handedOver} vermeldingen die alleen jij beheerde, blijven`} ` +
          'in de gids staan; de curatoren zoeken er een nieuwe beheerder voor.\n\n') +
      `Was jij dit niet? Schrijf dan meteen naar ${contact}. Meer over wat we bewaren:\n\n${privacyLink}` +
      signature,
  }),

  /** The weekly digest of a followed region. */
  regionDigest: ({
    name,
    regionName,
    sections,
    manageLink,
  }: {
    name: string;
    regionName: string;
    sections: DigestSection[];
    manageLink: string;
  }): MailContent => ({
    subject: `Deze week in ${regionName} op Samenspel`,
    text:
      `Hallo ${name},\n\nWat er de afgelopen week veranderde in ${regionName}:\n\n` +
      sections.map((section) => `${section.heading}\n${section.lines.map((line) => `- ${line}`).join('\n')}`).join('\n\n') +
      `\n\nDit bericht krijg je omdat je ${regionName} volgt. Niet meer volgen:\n\n${manageLink}` +
      signature,
  }),
};
