"""The initial contents of the shared vocabularies.

The codes are those of the import format (``docs/import-format.md``); coordinators can edit the
labels later in the admin. The data migration and the test bootstrap both read these tables, so a
new code is added here and in a new data migration.
"""

# (code, Finnish, Swedish, neighbouring municipality codes)
MUNICIPALITIES = [
    ("kokkola", "Kokkola", "Karleby", ["kannus", "kaustinen"]),
    ("kannus", "Kannus", "Kannus", ["kokkola", "toholampi", "kaustinen"]),
    ("kaustinen", "Kaustinen", "Kaustby", ["kokkola", "kannus", "veteli", "toholampi", "halsua"]),
    ("veteli", "Veteli", "Vetil", ["kaustinen", "halsua", "perho"]),
    ("halsua", "Halsua", "Halsua", ["veteli", "kaustinen", "lestijarvi", "perho"]),
    ("lestijarvi", "Lestijärvi", "Lestijärvi", ["toholampi", "halsua", "perho"]),
    ("perho", "Perho", "Perho", ["veteli", "halsua", "lestijarvi"]),
    ("toholampi", "Toholampi", "Toholampi", ["kannus", "kaustinen", "lestijarvi"]),
]

# (code, Finnish, Swedish)
ACTIVITY_TYPES = [
    ("meeting_place", "Kohtaamispaikka", "Mötesplats"),
    ("breakfast_and_meals", "Aamupala ja yhteinen ateria", "Frukost och gemensam måltid"),
    ("exercise", "Liikunta", "Motion"),
    ("nature_and_outdoors", "Luonto ja ulkoilu", "Natur och friluftsliv"),
    ("music", "Musiikki ja laulu", "Musik och sång"),
    ("arts_and_crafts", "Käsityöt ja luova tekeminen", "Hantverk och skapande"),
    ("culture", "Kulttuuri", "Kultur"),
    ("cooking", "Ruoanlaitto", "Matlagning"),
    ("games", "Pelit", "Spel"),
    ("peer_support", "Keskustelu ja vertaistuki", "Samtal och kamratstöd"),
    ("everyday_skills_and_money", "Arjen taidot ja raha-asiat", "Vardagskunskaper och ekonomi"),
    ("language_practice", "Kielen harjoittelu", "Språkövning"),
    ("mental_wellbeing", "Mielen hyvinvointi", "Psykiskt välbefinnande"),
    ("digital_skills", "Digitaidot", "Digitala färdigheter"),
]

# Apart from "everyone", each label names people: the group page and the brochure say "Ryhmä on
# tarkoitettu erityisesti näille: ikääntyneet ja omaishoitajat." / "Gruppen riktar sig särskilt till
# äldre och närståendevårdare."
TARGET_GROUPS = [
    ("everyone", "Kaikille avoin", "Öppen för alla"),
    (
        "outside_work_or_studies",
        "Työelämän tai opiskelun ulkopuolella olevat",
        "Personer utanför arbetslivet eller studier",
    ),
    ("older_people", "Ikääntyneet", "Äldre"),
    ("young_people", "Nuoret", "Unga"),
    ("families_with_children", "Lapsiperheet", "Barnfamiljer"),
    (
        "mental_health_and_substance_use",
        "Mielenterveys- ja päihdekuntoutujat",
        "Personer med psykisk ohälsa eller beroende",
    ),
    ("immigrants", "Maahanmuuttajat", "Invandrare"),
    ("long_term_illness", "Pitkäaikaissairaat", "Långtidssjuka"),
    ("family_carers", "Omaishoitajat", "Närståendevårdare"),
    ("men", "Miehet", "Män"),
    ("women", "Naiset", "Kvinnor"),
    ("students", "Opiskelijat", "Studerande"),
]

# Languages spoken in groups (ISO 639 codes). Coordinators can add more in the admin.
LANGUAGES = [
    ("fi", "suomi", "finska"),
    ("sv", "ruotsi", "svenska"),
    ("en", "englanti", "engelska"),
    ("se", "pohjoissaame", "nordsamiska"),
    ("fse", "suomalainen viittomakieli", "finskt teckenspråk"),
    ("fss", "suomenruotsalainen viittomakieli", "finlandssvenskt teckenspråk"),
    ("ru", "venäjä", "ryska"),
    ("uk", "ukraina", "ukrainska"),
    ("et", "viro", "estniska"),
    ("ar", "arabia", "arabiska"),
    ("so", "somali", "somaliska"),
    ("fa", "persia", "persiska"),
    ("ku", "kurdi", "kurdiska"),
    ("ti", "tigrinja", "tigrinska"),
    ("sq", "albania", "albanska"),
    ("tr", "turkki", "turkiska"),
    ("pl", "puola", "polska"),
    ("de", "saksa", "tyska"),
    ("fr", "ranska", "franska"),
    ("es", "espanja", "spanska"),
    ("th", "thai", "thailändska"),
    ("vi", "vietnam", "vietnamesiska"),
    ("zh", "kiina", "kinesiska"),
]


def seed_vocabularies(municipality, activity_type, target_group, language):
    """Create missing vocabulary rows; existing rows (maybe edited by coordinators) are kept.

    Takes the model classes as arguments so that data migrations can pass historical models.
    """
    for order, (code, fi, sv, _neighbours) in enumerate(MUNICIPALITIES):
        municipality.objects.get_or_create(code=code, defaults={"name_fi": fi, "name_sv": sv, "sort_order": order})
    for code, _fi, _sv, neighbours in MUNICIPALITIES:
        item = municipality.objects.get(code=code)
        if not item.neighbours.exists():
            item.neighbours.set(municipality.objects.filter(code__in=neighbours))
    for model, rows in ((activity_type, ACTIVITY_TYPES), (target_group, TARGET_GROUPS), (language, LANGUAGES)):
        for order, (code, fi, sv) in enumerate(rows):
            model.objects.get_or_create(code=code, defaults={"name_fi": fi, "name_sv": sv, "sort_order": order})


# CLDR codes that name no real language ("undetermined", "multiple", "no linguistic content"...).
_NOT_LANGUAGES = {"und", "mul", "mis", "zxx"}


def language_names(code):
    """The Finnish and Swedish names of the ISO 639 language ``code`` from CLDR, or None if unknown.

    Lets an import name any real language spoken in a group without a coordinator adding it first;
    a code CLDR does not know (a typo such as "xx") is still refused.
    """
    from babel import Locale

    if code in _NOT_LANGUAGES:
        return None
    finnish, swedish = Locale("fi").languages.get(code), Locale("sv").languages.get(code)
    if not finnish or not swedish:
        return None
    return finnish, swedish


# The YSO concepts (Finto) of the activity types and target groups that have a clear match, so
# that services reading the API and the JSON-LD (Tarmoa, Linked Events consumers) can map them.
# Codes without a sure match are left out: coordinators may add them in the admin.
YSO = "http://www.yso.fi/onto/yso/"
ACTIVITY_TYPE_CONCEPTS = {
    "exercise": YSO + "p916",  # liikunta
    "nature_and_outdoors": YSO + "p2771",  # ulkoilu
    "music": YSO + "p1808",  # musiikki
    "breakfast_and_meals": YSO + "p3670",  # ruoka
}
TARGET_GROUP_CONCEPTS = {
    "older_people": YSO + "p2433",  # ikääntyneet
    "young_people": YSO + "p11617",  # nuoret
    "families_with_children": YSO + "p13050",  # lapsiperheet
    "immigrants": YSO + "p6165",  # maahanmuuttajat
}


def seed_concepts(activity_type, target_group):
    """Fill in the YSO concepts above where a term has none yet (coordinators' edits are kept)."""
    for model, concepts in ((activity_type, ACTIVITY_TYPE_CONCEPTS), (target_group, TARGET_GROUP_CONCEPTS)):
        for code, uri in concepts.items():
            model.objects.filter(code=code, yso_uri="").update(yso_uri=uri)
