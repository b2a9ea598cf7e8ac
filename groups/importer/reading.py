"""Reading an import file: the JSON, with duplicate keys refused, and its check against the schema."""

import json

from jsonschema import Draft202012Validator, FormatChecker

from django.utils.translation import gettext as _

from .. import import_format as fmt
from .report import ImportFailed, Problem

# --- Reading and checking -------------------------------------------------------------------


def read_file(path):
    """Read and parse an import file, or raise :class:`ImportFailed` saying why it cannot be read."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as error:
        raise ImportFailed([Problem("", _("Cannot read the file: %(error)s") % {"error": error.strerror})]) from error
    return parse(raw)


class JSONConstant:
    """``NaN``, ``Infinity`` or ``-Infinity`` in the file: Python reads them, but JSON has no such numbers."""

    def __init__(self, name):
        self.name = name


class _Object(dict):
    """A JSON object that remembers the names it had more than once (JSON keeps only the last)."""

    duplicates = ()


def _object(pairs):
    result = _Object()
    duplicates = []
    for key, value in pairs:
        if key in result and key not in duplicates:
            duplicates.append(key)
        result[key] = value
    if duplicates:
        result.duplicates = duplicates
    return result


def parse(raw):
    """Parse the bytes of an import file."""
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFailed([Problem("", _("The file is not UTF-8 text."))]) from error
    try:
        return json.loads(content, object_pairs_hook=_object, parse_constant=JSONConstant)
    except json.JSONDecodeError as error:
        raise ImportFailed(
            [
                Problem(
                    "",
                    _("The file is not valid JSON: %(error)s (line %(line)d, column %(column)d).")
                    % {"error": error.msg, "line": error.lineno, "column": error.colno},
                )
            ]
        ) from error
    except RecursionError as error:
        raise ImportFailed([Problem("", _("The file is nested too deeply to be an import file."))]) from error


def _item_label(data, path):
    """``groups[2] "aamupala-kokkola"``: the list, the position and the id of the item at ``path``."""
    if len(path) >= 2 and path[0] in {"organisations", "venues", "groups"} and isinstance(path[1], int):
        label = f"{path[0]}[{path[1]}]"
        try:
            identifier = data[path[0]][path[1]].get("id")
        except (AttributeError, IndexError, KeyError, TypeError):
            identifier = None
        if isinstance(identifier, str):
            label += f' "{identifier}"'
        return label, path[2:]
    return "", path


def _field_path(parts):
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def item_location(data, path):
    label, rest = _item_label(data, list(path))
    field_path = _field_path(rest)
    if label and field_path:
        return _("%(item)s, field %(field)s") % {"item": label, "field": field_path}
    return label or (_("field %(field)s") % {"field": field_path} if field_path else _("the file"))


def _schema_message(error):
    """A plain-language message for a JSON Schema error."""
    validator, value = error.validator, error.validator_value
    if validator == "required":
        missing = [name for name in value if isinstance(error.instance, dict) and name not in error.instance]
        return _("required field missing: %(fields)s") % {"fields": ", ".join(missing)}
    if validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        return _("unknown field: %(fields)s") % {"fields": ", ".join(extra)}
    if validator == "enum":
        return _("unknown value %(value)s; allowed values: %(allowed)s") % {
            "value": json.dumps(error.instance, ensure_ascii=False),
            "allowed": ", ".join(json.dumps(v, ensure_ascii=False) for v in value),
        }
    if validator == "const":
        return _("must be %(value)s") % {"value": json.dumps(value)}
    if validator == "type":
        return _("wrong type: expected %(expected)s") % {
            "expected": value if isinstance(value, str) else ", ".join(value)
        }
    if validator == "pattern":
        return _("%(value)s does not have the expected form (%(pattern)s)") % {
            "value": json.dumps(error.instance, ensure_ascii=False),
            "pattern": value,
        }
    if validator == "minLength":
        return _("must not be empty")
    if validator == "minItems":
        return _("must have at least %(count)d item(s)") % {"count": value}
    if validator in {"minimum", "maximum"}:
        return _("%(value)s is out of range") % {"value": error.instance}
    if validator == "format":
        return _("%(value)s is not a valid %(format)s") % {
            "value": json.dumps(error.instance, ensure_ascii=False),
            "format": value,
        }
    return error.message


def check_schema(data):
    """Problems with the file's structure, as JSON Schema sees it."""
    validator = Draft202012Validator(fmt.schema(), format_checker=FormatChecker())
    problems = []
    for error in sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]):
        # For a wrong item in an enum list, the enum error itself is the useful one.
        if error.context:
            error = min(error.context, key=lambda e: len(list(e.absolute_path)))
        problems.append(Problem(item_location(data, error.absolute_path), _schema_message(error)))
    return problems
