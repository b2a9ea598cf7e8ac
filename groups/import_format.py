"""The import/export file format ``lowthreshold-groups/1`` (see ``docs/import-format.md``).

Shared by the importer and the exporter: the schema, the conversion between plain text with blank
lines and rich text paragraphs, and the *canonical form* of an item. The importer compares the
canonical form of a file's item with the canonical form of what is stored, so importing the same
file twice changes nothing, and export followed by import is a round trip.
"""

import html
import json
import re
from functools import cache
from pathlib import Path

FORMAT = "lowthreshold-groups/1"
SCHEMA_PATH = Path(__file__).resolve().parent / "schema" / "groups-import.schema.json"
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
TEXT_LANGUAGES = ("fi", "sv")


@cache
def schema():
    """The JSON Schema of the file format."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def paragraphs_to_html(text):
    """Plain text with paragraphs separated by blank lines → ``<p>`` paragraphs (escaped)."""
    parts = [part.strip() for part in re.split(r"\n\s*\n", text.strip()) if part.strip()]
    return "".join("<p>{}</p>".format(html.escape(part).replace("\n", "<br/>")) for part in parts)


_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote)>", re.IGNORECASE)
_LINE_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def html_to_paragraphs(value):
    """Rich text → plain text with one blank line between paragraphs (formatting is dropped)."""
    if not value:
        return ""
    text = _LINE_BREAK.sub("\n", value)
    text = _BLOCK_END.sub("\n\n", text)
    text = html.unescape(_TAG.sub("", text))
    parts = [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()]
    return "\n\n".join(parts)


def normalise_paragraphs(text):
    """The plain-text form a text takes after a trip through rich text."""
    return html_to_paragraphs(paragraphs_to_html(text)) if text else ""


def text(value, multiline=False):
    """Canonical form of a Text object ``{"fi": ..., "sv": ...}``: stripped, empty ones dropped.

    A Swedish text equal to the Finnish one is dropped: the site cannot tell it from a field that
    is not translated yet (which shows the Finnish text), so both must compare equal. A text
    without Finnish is no text at all.
    """
    if not value:
        return None
    result = {}
    for language in TEXT_LANGUAGES:
        item = value.get(language)
        if item is None:
            continue
        item = normalise_paragraphs(item) if multiline else item.strip()
        if item:
            result[language] = item
    if "fi" not in result:
        return None
    if result.get("sv") == result["fi"]:
        del result["sv"]
    return result


def kept_text(value, stored, multiline=False):
    """Canonical form of the file's Text ``value`` for an item the site already has as ``stored``.

    A file that gives a text without Swedish keeps the Swedish translation the site has (made by an
    earlier file or by a translator). A file that leaves the whole text out removes it in both
    languages, and a Swedish text in the file always wins.
    """
    wanted = text(value, multiline)
    if wanted is None or "sv" in value or not stored or not stored.get("sv"):
        return wanted
    if stored["sv"] != wanted["fi"]:
        return {**wanted, "sv": stored["sv"]}
    return wanted


def drop_empty(item):
    """Remove keys whose value is None, an empty string, an empty dict or an empty list."""
    return {key: value for key, value in item.items() if value not in (None, "", {}, [])}


def contact(value):
    if not value:
        return None
    return drop_empty({key: (value.get(key) or "").strip() for key in ("name", "phone", "email")}) or None


def canonical_organisation(item, stored=None):
    """Canonical form of an organisation; with ``stored`` (its export), Swedish texts are kept."""
    stored = stored or {}
    return drop_empty(
        {
            "id": item["id"],
            "kind": item["kind"],
            "name": kept_text(item.get("name"), stored.get("name")),
            "description": kept_text(item.get("description"), stored.get("description"), multiline=True),
            "business_id": item.get("business_id"),
            "municipality": item.get("municipality"),
            "website": item.get("website"),
            "contact": contact(item.get("contact")),
        }
    )


def canonical_venue(item, stored=None):
    """Canonical form of a venue; with ``stored`` (its export), Swedish texts are kept."""
    stored = stored or {}
    accessibility = item.get("accessibility") or {}
    stored_accessibility = stored.get("accessibility") or {}
    return drop_empty(
        {
            "id": item["id"],
            "name": kept_text(item.get("name"), stored.get("name")),
            "street_address": kept_text(item.get("street_address"), stored.get("street_address")),
            "postal_code": item.get("postal_code"),
            "municipality": item["municipality"],
            "latitude": item.get("latitude"),
            "longitude": item.get("longitude"),
            "accessibility": drop_empty(
                {
                    "step_free_entrance": accessibility.get("step_free_entrance"),
                    "lift": accessibility.get("lift"),
                    "accessible_toilet": accessibility.get("accessible_toilet"),
                    "induction_loop": accessibility.get("induction_loop"),
                    "notes": kept_text(accessibility.get("notes"), stored_accessibility.get("notes")),
                }
            ),
            "getting_there": kept_text(item.get("getting_there"), stored.get("getting_there")),
        }
    )


def canonical_rule(rule):
    return drop_empty(
        {
            "weekday": rule["weekday"],
            "start": rule["start"],
            "end": rule["end"],
            "frequency": rule["frequency"],
            "week_of_month": rule.get("week_of_month") if rule["frequency"] == "monthly" else None,
            "from": rule["from"],
            "until": rule.get("until"),
            # Written only when true, so files without the extension stay valid for the shared schema.
            "skip_public_holidays": True if rule.get("skip_public_holidays") else None,
        }
    )


def ordered_codes(codes, order):
    """Codes without duplicates, in the vocabulary's order (unknown codes last, alphabetically)."""
    unique = set(codes)
    return sorted(unique, key=lambda code: (order.get(code, len(order)), code))


def canonical_group(item, vocabulary_order, stored=None):
    """Canonical form of a group; ``vocabulary_order`` maps vocabulary name → {code: position}.

    With ``stored`` (the group's export), Swedish texts the file leaves out are kept.
    """
    stored = stored or {}
    schedule = item.get("schedule") or {}
    stored_reasons = {c["date"]: c.get("reason") for c in (stored.get("schedule") or {}).get("cancelled") or []}
    partners = []
    for partner in item.get("partners") or []:
        if partner != item["organiser"] and partner not in partners:
            partners.append(partner)
    online = item.get("online")
    # The schema requires "schedule", so it is kept even when it is empty.
    canonical_schedule = drop_empty(
        {
            "rules": [canonical_rule(rule) for rule in schedule.get("rules") or []],
            "dates": sorted(
                ({"date": d["date"], "start": d["start"], "end": d["end"]} for d in schedule.get("dates") or []),
                key=lambda d: (d["date"], d["start"]),
            ),
            "cancelled": sorted(
                (
                    drop_empty({"date": c["date"], "reason": kept_text(c.get("reason"), stored_reasons.get(c["date"]))})
                    for c in schedule.get("cancelled") or []
                ),
                key=lambda c: c["date"],
            ),
        }
    )
    result = drop_empty(
        {
            "id": item["id"],
            "organiser": item["organiser"],
            "partners": partners,
            "title": kept_text(item.get("title"), stored.get("title")),
            "summary": kept_text(item.get("summary"), stored.get("summary")),
            "description": kept_text(item.get("description"), stored.get("description"), multiline=True),
            "activity_types": ordered_codes(item["activity_types"], vocabulary_order["activity_types"]),
            "target_groups": ordered_codes(
                item.get("target_groups") or ["everyone"], vocabulary_order["target_groups"]
            ),
            "languages": ordered_codes(item.get("languages") or ["fi"], vocabulary_order["languages"]),
            "plain_language": bool(item.get("plain_language", False)),
            "venue": item.get("venue"),
            "free_of_charge": bool(item.get("free_of_charge", True)),
            "cost_note": kept_text(item.get("cost_note"), stored.get("cost_note")),
            "registration": item.get("registration") or "none",
            "anonymous_ok": bool(item.get("anonymous_ok", True)),
            "children_welcome": bool(item.get("children_welcome", False)),
            "leaders": [
                drop_empty(
                    {
                        "name": (leader.get("name") or "").strip(),
                        "kind": leader["kind"],
                        "organisation": leader.get("organisation"),
                    }
                )
                for leader in item.get("leaders") or []
            ],
            "contact": contact(item.get("contact")),
            "status": item["status"],
        }
    )
    result["schedule"] = canonical_schedule
    if online is not None:
        # An empty "online" object still means the group meets online.
        stored_online = stored.get("online") or {}
        result["online"] = drop_empty(
            {"how_to_join": kept_text(online.get("how_to_join"), stored_online.get("how_to_join"))}
        )
    return order_keys(result, GROUP_KEYS)


GROUP_KEYS = [
    "id",
    "organiser",
    "partners",
    "title",
    "summary",
    "description",
    "activity_types",
    "target_groups",
    "languages",
    "plain_language",
    "venue",
    "online",
    "schedule",
    "free_of_charge",
    "cost_note",
    "registration",
    "anonymous_ok",
    "children_welcome",
    "leaders",
    "contact",
    "status",
]


def order_keys(item, keys):
    """The same dict with its keys in the format's documented order (for readable files)."""
    return {key: item[key] for key in keys if key in item}
