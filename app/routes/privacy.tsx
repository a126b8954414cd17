import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { SESSION_IDLE_DAYS, SESSION_MAX_DAYS } from '~/auth/session-lifetime';

export const meta: MetaFunction = () => [
  { title: 'Privacy — Samenspel' },
  {
    name: 'description',
    content: 'Welke gegevens Samenspel openbaar maakt, wat privé blijft, hoe lang we het bewaren en wat je rechten zijn.',
  },
];

/** The facts that differ per deployment: the contact address, the map tile server, and whether mail leaves through SMTP. */
export function loader({ context }: LoaderFunctionArgs) {
  const { config } = context.services;
  return { contact: config.PRIVACY_CONTACT, tileHost: new URL(config.TILE_URL.replace(/[{}]/g, '')).host, smtp: Boolean(config.SMTP_URL) };
}

export default function Privacy() {
  const { contact, tileHost, smtp } = useLoaderData<typeof loader>();
  return (
    <article className="account-page">
      <h1>Privacy</h1>
      <p>
        Samenspel is een gids van burgerinitiatieven en doe-coalities. Hieronder staat welke gegevens we daarvoor gebruiken, wie ze kan
        zien, waarom, hoe lang we ze bewaren en wat je rechten zijn volgens de Algemene verordening gegevensbescherming (AVG).
      </p>

      <h2>Wat openbaar is</h2>
      <p>
        Iedereen kan de gepubliceerde vermeldingen zien, op de kaart, in de lijst, via de zoekfunctie en via de open API. Openbaar zijn:
      </p>
      <ul>
        <li>naam, korte beschrijving, beschrijving, rechtsvorm en oprichtingsjaar;</li>
        <li>website, en het e-mailadres en telefoonnummer van de vermelding als die zijn ingevuld;</li>
        <li>plaats en punt op de kaart, werkgebied, onderwerpen, behoeften en aanbod;</li>
        <li>de namen van partners, de fase, de financieringsbronnen, de contactrol en welke partijen aan boord zijn;</li>
        <li>samenwerkingen tussen vermeldingen die uit een introductie zijn ontstaan.</li>
      </ul>
      <p>
        Vul bij een vermelding daarom bij voorkeur een algemeen e-mailadres en telefoonnummer van de organisatie in, geen privénummer. De
        einddatum van de financiering is niet openbaar.
      </p>

      <h2>Wat privé blijft</h2>
      <p>Over jou als persoon maken we niets openbaar. Deze gegevens blijven privé:</p>
      <ul>
        <li>je e-mailadres en je naam;</li>
        <li>
          je wachtwoord: we bewaren alleen een hash (argon2id), waaruit het wachtwoord niet terug te halen is; niemand bij Samenspel kan het
          lezen;
        </li>
        <li>je concepten en de versies van vermeldingen die je indient, tot een curator ze publiceert;</li>
        <li>je claims, je uitnodigingen (met het e-mailadres van wie je uitnodigt) en je berichten;</li>
        <li>de regio’s die je volgt, voor het wekelijkse bericht over wat daar verandert;</li>
        <li>
          introductieverzoeken en de antwoorden daarop, met hun tekst, en je antwoorden op de vraag of een introductie tot samenwerking
          leidde.
        </li>
      </ul>
      <p>Wie wat kan zien:</p>
      <ul>
        <li>
          de beheerders van de twee vermeldingen zien de introductieverzoeken tussen die vermeldingen; de contactgegevens worden pas
          uitgewisseld als de andere kant een introductie aanneemt;
        </li>
        <li>
          curatoren zien wat je ter beoordeling indient en je naam daarbij, bij een claim ook je e-mailadres en je toelichting, en bij een
          introductieverzoek aan een vermelding zonder beheerder je naam, je e-mailadres en je bericht (zij leggen dan het contact);
        </li>
        <li>
          beheerders zien de lijst van accounts (naam, e-mailadres, rol)
          {smtp ? '' : ' en, zolang er geen mailserver is ingesteld, de verstuurde e-mail'}.
        </li>
      </ul>
      <p>Andere leden zien niet wie een vermelding beheert.</p>

      <h2>Cookies</h2>
      <p>
        We gebruiken alleen twee cookies die nodig zijn om de site te laten werken, en geen cookies om je te volgen of voor advertenties:
        <code> samenspel_sessie</code> houdt je ingelogd ({SESSION_IDLE_DAYS} dagen, verlengd zolang je de site gebruikt, hoogstens{' '}
        {SESSION_MAX_DAYS} dagen) en <code>samenspel_csrf</code> beschermt formulieren tegen misbruik door andere websites.
      </p>

      <h2>Waarom we dit doen (grondslag)</h2>
      <ul>
        <li>
          Je account en wat je daarmee doet, gebruiken we omdat jij de dienst wilt gebruiken: om je te laten inloggen, je vermeldingen te
          laten bijhouden en introducties te laten versturen (uitvoering van de overeenkomst, artikel 6 lid 1 onder b AVG).
        </li>
        <li>
          Wat je in een vermelding openbaar zet, publiceren we omdat je dat zelf indient met het doel gevonden te worden; een curator
          controleert het eerst.
        </li>
        <li>
          Om misbruik te voorkomen tellen we mislukte pogingen om in te loggen, een account aan te maken of een wachtwoord te herstellen,
          per e-mailadres en per IP-adres (gerechtvaardigd belang, artikel 6 lid 1 onder f AVG). Die tellingen staan alleen in het geheugen
          van de server en zijn na hoogstens een uur weg.
        </li>
      </ul>

      <h2>Hoe lang we het bewaren</h2>
      <ul>
        <li>Je account en wat erbij hoort, bewaren we zolang je account bestaat. Je kunt het zelf op elk moment verwijderen.</li>
        <li>
          Een sessie verloopt na {SESSION_IDLE_DAYS} dagen zonder gebruik en uiterlijk {SESSION_MAX_DAYS} dagen na het inloggen; uitloggen
          beëindigt haar meteen.
        </li>
        <li>
          Een link om je e-mailadres te bevestigen is 24 uur geldig, een link voor een nieuw wachtwoord een uur en een uitnodiging een week;
          van de links bewaren we alleen een hash.
        </li>
        <li>
          Na het verwijderen van je account blijven alleen over: de vermeldingen zelf (die blijven openbaar; vermeldingen die alleen jij
          beheerde gaan naar de curatoren), en introductieverzoeken, afwijzingen van voorstellen en antwoorden op de vervolgvraag, zonder
          jouw naam, als deel van de geschiedenis van die vermeldingen.
        </li>
      </ul>

      <h2>Wie je gegevens nog meer ontvangt</h2>
      <ul>
        <li>
          De kaart laadt kaarttegels van <code>{tileHost}</code>; die server ziet daardoor je IP-adres, net als bij elke website die je
          bezoekt.
        </li>
        {smtp ? <li>E-mail die we je sturen, gaat via onze mailserver naar jouw mailbox.</li> : null}
        <li>We verkopen geen gegevens en delen ze niet met adverteerders.</li>
      </ul>

      <h2>Je rechten en hoe je ze gebruikt</h2>
      <ul>
        <li>
          <strong>Inzage en overdraagbaarheid</strong>: download al je gegevens als JSON-bestand via <Link to="/account">Mijn account</Link>{' '}
          → &ldquo;Download mijn gegevens&rdquo;.
        </li>
        <li>
          <strong>Correctie</strong>: pas je vermeldingen aan via <Link to="/account/vermeldingen">Mijn vermeldingen</Link>; wijzig je
          wachtwoord op <Link to="/account">Mijn account</Link>. Wil je je naam of e-mailadres laten aanpassen, mail ons dan.
        </li>
        <li>
          <strong>Verwijdering</strong>: verwijder je account zelf via <Link to="/account/verwijderen">Account verwijderen</Link>. Dat
          gebeurt meteen; je krijgt een bevestiging per e-mail.
        </li>
        <li>
          <strong>Bezwaar en beperking</strong>: mail ons als je bezwaar hebt tegen een verwerking of wilt dat we die beperken.
        </li>
      </ul>
      <p>Staat er iets over jou in een vermelding die je niet zelf beheert? Mail ons; de curatoren passen het aan of halen het weg.</p>

      <h2>Contact</h2>
      <p>
        Vragen over privacy of een verzoek volgens de AVG: mail naar <a href={`mailto:${contact}`}>{contact}</a>. We antwoorden binnen een
        maand. Ben je niet tevreden over hoe we met je gegevens omgaan, dan kun je een klacht indienen bij de{' '}
        <a href="https://autoriteitpersoonsgegevens.nl/">Autoriteit Persoonsgegevens</a>.
      </p>
    </article>
  );
}
