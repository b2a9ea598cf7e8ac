"""Everyday words for the vocabulary terms, indexed with each group's activity types and target groups.

A person looking for a group for "ikäihmiset" or "pensionärer" should find the groups aimed at
older people although the label says "Ikääntyneet" / "Äldre". The words are searched like any text
(inflections and compounds included), so each needs to appear once, in its base form. Keys are the
stable vocabulary codes of the import format.
"""

ACTIVITY_WORDS = {
    "meeting_place": {
        "fi": "kohtaamispaikka olohuone juttuseura seura kahvila tapaaminen",
        "sv": "mötesplats vardagsrum sällskap café träff",
    },
    "breakfast_and_meals": {
        "fi": "aamupala aamiainen ateria ruoka ruokailu lounas päivällinen puuro keitto kahvi iltapala",
        "sv": "frukost måltid mat lunch middag gröt soppa kaffe kvällsmål",
    },
    "exercise": {
        "fi": "liikunta jumppa kuntosali kuntoilu urheilu voimistelu",
        "sv": "motion gymnastik gym träning idrott",
    },
    "nature_and_outdoors": {
        "fi": "luonto ulkoilu kävely retki lenkki metsä",
        "sv": "natur friluftsliv promenad utflykt skog",
    },
    "music": {"fi": "musiikki laulu bändi soitto kuoro", "sv": "musik sång band spela kör"},
    "arts_and_crafts": {
        "fi": "käsityö askartelu maalaus piirtäminen neulominen puutyö",
        "sv": "hantverk handarbete pyssel målning teckning stickning snickeri",
    },
    "culture": {
        "fi": "kulttuuri elokuva teatteri kirjallisuus taide konsertti",
        "sv": "kultur film teater litteratur konst konsert",
    },
    "cooking": {"fi": "ruoanlaitto kokkaus leivonta ruoka", "sv": "matlagning bakning mat"},
    "games": {
        "fi": "pelit lautapeli korttipeli kortit visailu peli-ilta",
        "sv": "spel sällskapsspel kortspel kort frågesport spelkväll",
    },
    "peer_support": {"fi": "vertaistuki keskustelu tuki jakaminen", "sv": "kamratstöd samtal stöd"},
    "everyday_skills_and_money": {
        "fi": "arki taidot raha talous asiointi",
        "sv": "vardag färdigheter pengar ekonomi ärenden",
    },
    "language_practice": {
        "fi": "kieli suomi kielikahvila puhuminen kotoutuminen",
        "sv": "språk finska språkcafé tala integration",
    },
    "mental_wellbeing": {
        "fi": "mieli hyvinvointi rentoutus jaksaminen mielenterveys",
        "sv": "välbefinnande avslappning ork psykisk hälsa",
    },
    "digital_skills": {
        "fi": "digi tietokone puhelin älypuhelin kännykkä tabletti netti internet",
        "sv": "digital dator telefon smarttelefon mobil surfplatta internet",
    },
}

TARGET_WORDS = {
    "everyone": {"fi": "kaikki", "sv": "alla"},
    "outside_work_or_studies": {
        "fi": "työtön työttömät eläkeläinen kuntoutuja",
        "sv": "arbetslös arbetslösa pensionär rehabilitering",
    },
    "older_people": {
        "fi": "ikäihminen ikäihmiset ikääntynyt eläkeläinen senior seniori vanhus",
        "sv": "äldre senior seniorer pensionär pensionärer",
    },
    "young_people": {"fi": "nuoret nuori nuoriso", "sv": "unga ungdom ungdomar"},
    "families_with_children": {
        "fi": "lapsiperhe perhe lapsi lapset vanhemmat äiti isä vauva",
        "sv": "barnfamilj familj barn föräldrar mamma pappa bebis",
    },
    "mental_health_and_substance_use": {
        "fi": "mielenterveys päihteet jaksaminen",
        "sv": "psykisk hälsa rusmedel ork",
    },
    "immigrants": {
        "fi": "maahanmuuttaja maahanmuuttajat kotoutuminen ulkomaalainen",
        "sv": "invandrare inflyttad integration",
    },
    "long_term_illness": {"fi": "pitkäaikaissairas sairaus", "sv": "långtidssjuk sjukdom"},
    "family_carers": {"fi": "omaishoitaja omaishoito", "sv": "närståendevårdare närståendevård"},
    "men": {"fi": "mies miehet", "sv": "man män"},
    "women": {"fi": "nainen naiset", "sv": "kvinna kvinnor"},
    "students": {"fi": "opiskelija opiskelijat", "sv": "studerande student studenter"},
}
