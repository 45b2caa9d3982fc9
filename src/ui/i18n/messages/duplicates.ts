/** The duplicate partners page's messages (/partners/duplicates). Keys start with "duplicates.". */
export const en = {
  'duplicates.link': 'Find duplicates',
  'duplicates.title': 'Possible duplicates',
  'duplicates.intro':
    'Partners that look like one organisation: the same name once case, accents, punctuation and legal forms such as Ltd or ASBL are set aside, or the same website domain.',
  'duplicates.empty': 'No possible duplicates among the current partners.',
  'duplicates.back': 'Back to the partners',
  'duplicates.pairLabel': '{a} and {b}',
  'duplicates.reason.name': 'Same name',
  'duplicates.reason.domain': 'Same website',
  'duplicates.noWebsite': 'No website',
  'duplicates.survivor': 'Which record stays?',
  'duplicates.survivorHint':
    'The other one’s contacts, engagements, SID roles, board seats and open reminders move to it; its empty fields are filled in; the other is archived.',
  'duplicates.keep': 'Keep {name} ({sector})',
  'duplicates.confirm': 'I have checked that these two are one organisation',
  'duplicates.merge': 'Merge',
  'duplicates.error.survivor': 'Choose the record that stays',
  'duplicates.error.confirm': 'Tick the box to confirm the merge',
  'duplicates.flash.merged': 'The partners are merged: this record now holds the other’s contacts and history.',
};

export const fr: Record<keyof typeof en, string> = {
  'duplicates.link': 'Trouver les doublons',
  'duplicates.title': 'Doublons possibles',
  'duplicates.intro':
    'Des partenaires qui semblent être une seule organisation : le même nom, sans tenir compte de la casse, des accents, de la ponctuation ni des formes juridiques comme SA ou ASBL, ou le même domaine de site web.',
  'duplicates.empty': 'Aucun doublon possible parmi les partenaires actuels.',
  'duplicates.back': 'Retour aux partenaires',
  'duplicates.pairLabel': '{a} et {b}',
  'duplicates.reason.name': 'Même nom',
  'duplicates.reason.domain': 'Même site web',
  'duplicates.noWebsite': 'Pas de site web',
  'duplicates.survivor': 'Quelle fiche conserver ?',
  'duplicates.survivorHint':
    'Les contacts, échanges, rôles SID, sièges au comité et rappels ouverts de l’autre y sont déplacés ; ses champs vides sont complétés ; l’autre est archivée.',
  'duplicates.keep': 'Conserver {name} ({sector})',
  'duplicates.confirm': 'J’ai vérifié que ces deux fiches sont une seule organisation',
  'duplicates.merge': 'Fusionner',
  'duplicates.error.survivor': 'Choisissez la fiche à conserver',
  'duplicates.error.confirm': 'Cochez la case pour confirmer la fusion',
  'duplicates.flash.merged':
    'Les partenaires sont fusionnés : cette fiche porte désormais les contacts et l’historique de l’autre.',
};
