"""Demo cases for the bootstrap. Made-up examples, written for this portal, that show how a
case reads; each is flagged as example content and carries a visible "Eksempel" label."""

from dataclasses import dataclass, field


@dataclass
class DemoCase:
    key: str
    kommune: str  # kommunenummer
    title: str
    themes: list
    sdgs: list
    start: tuple  # (year, month)
    summary: str
    objectives: str
    results: str
    enabling_factors: str
    replicability: str
    end: tuple | None = None
    other_kommuner: list = field(default_factory=list)
    contact_role: str = "Rådgiver for bærekraft"


DEMO_CASES = [
    DemoCase(
        "froya-matsvinn-skole",
        "5014",
        "Halvert matsvinn i skolekantina",
        ["matsvinn"],
        [12, 2],
        (2023, 8),
        "Elevrådet veide maten som ble kastet hver dag i fire uker. Kantina endret porsjoner "
        "og meny etter tallene, og matsvinnet gikk ned med omtrent halvparten.",
        "Vi ville kaste mindre mat og la elevene selv finne ut hvorfor maten ble kastet.",
        "Mindre mat i søpla, lavere innkjøp og elever som vet hva matsvinn koster.",
        "Elevene eide prosjektet. Kantinepersonalet fikk tallene hver uke og kunne prøve "
        "nye ting raskt.",
        "Dere trenger en vekt, et enkelt skjema og en elevgruppe som vil. Start med fire uker "
        "måling før dere endrer noe.",
        end=(2024, 6),
    ),
    DemoCase(
        "osen-innkjop-mat",
        "5020",
        "Lokal mat i felles innkjøpsavtale",
        ["baerekraftige-anskaffelser", "matsvinn"],
        [12, 8],
        (2024, 1),
        "Osen og to nabokommuner delte opp en matavtale i mindre deler, slik at lokale "
        "produsenter kunne gi tilbud.",
        "Vi ville gjøre det mulig for små produsenter å levere til sykehjem og skoler.",
        "Tre lokale produsenter fikk kontrakt. Kortere transport og ferskere råvarer.",
        "Vi møtte leverandørene før utlysningen og forklarte hvordan de kunne gi tilbud.",
        "Del avtalen i delkontrakter og hold et åpent møte for leverandører før dere lyser ut.",
        other_kommuner=["5049", "5054"],
        contact_role="Innkjøpsrådgiver",
    ),
    DemoCase(
        "tydal-folkehelse-turstier",
        "5033",
        "Turstier som alle kan bruke",
        ["folkehelse"],
        [3, 11],
        (2022, 5),
        "Frivillige og kommunen merket og gruset seks korte turstier nær sentrum, slik at "
        "også eldre og folk med rullator kommer seg ut.",
        "Flere innbyggere skal gå tur hver uke, også de som sjelden kommer seg ut.",
        "Tellere viser flere turer hvert år. Eldresenteret bruker stiene i faste grupper.",
        "Lag og foreninger gjorde dugnad, kommunen sto for utstyr og skilt.",
        "Kartlegg korte stier nær der folk bor. Spør lag og foreninger først.",
        end=(2023, 10),
        contact_role="Folkehelsekoordinator",
    ),
    DemoCase(
        "roros-indikatorer-kommuneplan",
        "5025",
        "Indikatorer i kommuneplanens samfunnsdel",
        ["indikatorer", "plan-og-styringssystem"],
        [11, 17],
        (2023, 2),
        "Røros valgte tolv indikatorer fra Trøndelag i tall og knyttet hver av dem til et "
        "mål i samfunnsdelen. Tallene vises i årsrapporten hvert år.",
        "Politikerne skal se om kommunen går i riktig retning på målene de har vedtatt.",
        "Årsrapporten viser nå utviklingen på alle tolv indikatorene, med kommentar.",
        "Vi valgte få indikatorer som oppdateres hvert år, og ga hver av dem en ansvarlig.",
        "Start med indikatorer som allerede finnes i Trøndelag i tall, og velg færre enn dere "
        "tror dere trenger.",
        contact_role="Plansjef",
    ),
    DemoCase(
        "leka-saksframlegg",
        "5052",
        "Bærekraft som fast punkt i saksframlegg",
        ["baerekraft-i-politiske-saker"],
        [16, 17],
        (2023, 9),
        "Alle saksframlegg til kommunestyret har nå et kort avsnitt om hva saken betyr for "
        "klima, miljø, økonomi og folks levekår.",
        "Politikerne skal se konsekvensene for bærekraft før de vedtar noe.",
        "Avsnittet er med i nesten alle saker. Politikerne spør oftere om langsiktige følger.",
        "En enkel mal med fire spørsmål, og kurs for saksbehandlerne.",
        "Lag en mal som tar fem minutter å fylle ut. Lange skjema blir ikke brukt.",
        contact_role="Kommunedirektørens stab",
    ),
    DemoCase(
        "snasa-gevinster-velferdsteknologi",
        "5041",
        "Gevinstkart for digitalt tilsyn",
        ["gevinstrealisering"],
        [3, 10],
        (2022, 10),
        "Før kommunen tok i bruk digitalt tilsyn om natten, laget den et gevinstkart og målte "
        "utviklingen i ett år.",
        "Vi ville vite om digitalt tilsyn gir tryggere netter og bedre bruk av tiden.",
        "Færre unødvendige besøk om natten og bedre søvn for brukerne, målt i tre runder.",
        "Gevinstene ble bestemt før innkjøpet, og noen fikk ansvar for å følge dem opp.",
        "Skriv ned hva som skal bli bedre før dere kjøper noe, og mål det samme før og etter.",
        end=(2023, 12),
        contact_role="Enhetsleder helse og omsorg",
    ),
    DemoCase(
        "hitra-rod-trad",
        "5056",
        "Rød tråd fra kommuneplan til budsjett",
        ["plan-og-styringssystem"],
        [17],
        (2024, 3),
        "Hitra knyttet hvert satsingsområde i økonomiplanen til et mål i samfunnsdelen, og "
        "rapporterer på de samme målene i årsrapporten.",
        "Det skal være lett å se hvordan pengene brukes på målene kommunen har satt seg.",
        "Samme mål går igjen i plan, budsjett og årsrapport. Politikerne har bedt om mer.",
        "Økonomi og plan jobbet sammen fra starten, ikke hver for seg.",
        "La økonomisjef og plansjef skrive malen for økonomiplanen sammen.",
        contact_role="Økonomisjef",
    ),
    DemoCase(
        "steinkjer-klimakrav-bygg",
        "5006",
        "Klimakrav i byggeprosjekter",
        ["baerekraftige-anskaffelser"],
        [13, 9],
        (2023, 4),
        "Steinkjer stiller krav om lavere klimagassutslipp fra materialer og byggeplass i alle "
        "større byggeprosjekter, og vekter klima i tildelingen.",
        "Vi ville kutte utslipp fra bygg, som er en stor del av kommunens innkjøp.",
        "To skoleprosjekter med fossilfri byggeplass og dokumentert lavere utslipp.",
        "Tidlig dialog med markedet viste hva leverandørene kunne levere.",
        "Bruk kravene fra Direktoratet for forvaltning og økonomistyring som utgangspunkt.",
        contact_role="Prosjektleder bygg",
    ),
    DemoCase(
        "namsskogan-frivillige-folkehelse",
        "5044",
        "Møteplass for alle aldre",
        ["folkehelse"],
        [3, 10],
        (2024, 2),
        "Et tomt lokale i sentrum ble møteplass to kvelder i uka, drevet av frivillige med "
        "litt støtte fra kommunen.",
        "Færre skal være ensomme, og unge og eldre skal møtes.",
        "Rundt førti personer kommer innom hver uke. Flere nye frivillige har meldt seg.",
        "Lav terskel: ingen påmelding, gratis kaffe og faste dager.",
        "Finn et lokale folk allerede går forbi, og la de frivillige bestemme innholdet.",
        contact_role="Frivillighetskoordinator",
    ),
    DemoCase(
        "trondheim-matsvinn-sykehjem",
        "5001",
        "Mindre matsvinn på sykehjem",
        ["matsvinn"],
        [12, 3],
        (2022, 9),
        "Fire sykehjem målte matsvinnet, serverte mindre porsjoner med mulighet for påfyll, og "
        "lot beboerne velge mer selv.",
        "Vi ville kaste mindre mat uten at beboerne spiste mindre.",
        "Matsvinnet gikk ned på alle fire sykehjem, og beboerne spiste like mye som før.",
        "Kjøkken og avdeling møttes hver måned for å se på tallene sammen.",
        "Mål i fire uker før dere endrer noe. Gi påfyll i stedet for store porsjoner.",
        end=(2024, 3),
        contact_role="Kjøkkensjef",
    ),
    DemoCase(
        "orkland-politisk-opplaering",
        "5059",
        "Bærekraftskurs for nye kommunestyrer",
        ["baerekraft-i-politiske-saker"],
        [4, 16],
        (2023, 11),
        "Etter valget fikk alle kommunestyrerepresentanter et halvdagskurs om bærekraftsmålene "
        "og om hvordan de er brukt i kommunens planer.",
        "Nye politikere skal kjenne målene og vite hvor de finner dem i sakene.",
        "Alle partiene deltok. Flere representanter viser nå til målene i debatter.",
        "Kurset ble holdt tidlig, før de store sakene kom.",
        "Hold kurset i første måned etter valget, og bruk egne saker som eksempler.",
        contact_role="Politisk sekretariat",
    ),
    DemoCase(
        "rindal-indikatorer-ungdom",
        "5061",
        "Ungdommens egne indikatorer",
        ["indikatorer", "folkehelse"],
        [3, 4],
        (2024, 4),
        "Ungdomsrådet valgte fem tall som sier noe om hvordan det er å være ung i Rindal. "
        "Tallene følges opp hvert år sammen med Ungdata.",
        "Ungdommen skal være med og bestemme hva kommunen måler.",
        "Fem indikatorer er tatt inn i folkehelseoversikten.",
        "Ungdomsrådet fikk tid og hjelp fra en rådgiver, og tallene fantes allerede.",
        "Spør ungdomsrådet hva som er viktig, og finn tall som allerede samles inn.",
        contact_role="Ungdomskontakt",
    ),
]
