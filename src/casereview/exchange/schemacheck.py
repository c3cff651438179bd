"""A quick yes or no to "does this document keep to the schema?", for the import's first look.

jsonschema walks a document keyword by keyword, building a validator for each value on the
way: for the biggest partnership's document (some 24,000 records) that took seconds, most of
the import's checking. Nearly every document a partnership imports is valid, so the import
first asks this check, the schema compiled once into plain Python tests, and only when it
says no does jsonschema walk the document to say what is wrong, in the words it always has.

The check keeps to the keywords the exchange schemas use, with jsonschema's meaning (Draft
2020-12), and answers no where it is not sure (an array whose items it cannot compare): a no
only costs jsonschema's walk, never a problem unsaid. A schema with any other keyword is not
compiled at all (`NotCompiled`): jsonschema then checks every document.
"""

from __future__ import annotations

import numbers
import re
from collections.abc import Callable
from typing import Any

Check = Callable[[Any], bool]

# Words about the schema, not rules: they check nothing.
ANNOTATIONS = frozenset({"$schema", "$id", "$defs", "title", "description", "examples"})
TYPES: dict[str, Check] = {
    "null": lambda value: value is None,
    "boolean": lambda value: isinstance(value, bool),
    "string": lambda value: isinstance(value, str),
    "array": lambda value: isinstance(value, list),
    "object": lambda value: isinstance(value, dict),
    "number": lambda value: isinstance(value, numbers.Number) and not isinstance(value, bool),
    "integer": lambda value: (
        (isinstance(value, int) and not isinstance(value, bool))
        or (isinstance(value, float) and value.is_integer())
    ),
}


class NotCompiled(ValueError):
    """The schema uses a keyword (or a value of one) this check does not know."""


def compiled(schema: dict[str, Any]) -> Check:
    """The schema as one function: True only for a value jsonschema finds no error in."""
    return _Compiler(schema).check(schema)


class _Compiler:
    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self.refs: dict[str, Check] = {}

    def check(self, schema: Any) -> Check:
        if schema is True:
            return lambda value: True
        if schema is False:
            return lambda value: False
        if not isinstance(schema, dict):
            raise NotCompiled(f"a schema must be an object or a boolean, not {schema!r}")
        unknown = set(schema) - ANNOTATIONS - set(KEYWORDS)
        if unknown:
            raise NotCompiled(f"keywords not compiled: {', '.join(sorted(unknown))}")
        checks = [
            KEYWORDS[keyword](self, schema[keyword], schema)
            for keyword in KEYWORDS
            if keyword in schema
        ]
        return _all_of([check for check in checks if check is not None])

    def ref(self, pointer: Any, _: dict[str, Any]) -> Check:
        if not isinstance(pointer, str) or not pointer.startswith("#/"):
            raise NotCompiled(f"only references within the schema are compiled, not {pointer!r}")
        if pointer not in self.refs:
            # Held before it is compiled, so that a schema that refers to itself ends.
            found: list[Check] = []
            self.refs[pointer] = lambda value: found[0](value)
            target: Any = self.root
            for part in pointer[2:].split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            found.append(self.check(target))
        return self.refs[pointer]

    def properties(self, properties: dict[str, Any], schema: dict[str, Any]) -> Check:
        each = {key: self.check(sub) for key, sub in properties.items()}
        extra = schema.get("additionalProperties", True)
        others = None if extra is True else self.check(extra)

        def check(value: Any) -> bool:
            if not isinstance(value, dict):
                return True
            for key, item in value.items():
                checked = each.get(key, others)
                if checked is not None and not checked(item):
                    return False
            return True

        return check

    def additional(self, extra: Any, schema: dict[str, Any]) -> Check | None:
        if "properties" in schema:
            return None  # checked with the properties
        return self.properties({}, schema)


def _all_of(checks: list[Check]) -> Check:
    """One check of them all, in order, the first no ending it: spelt out for the usual few,
    as a loop costs more than the checks it makes."""
    if not checks:
        return lambda value: True
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda value: first(value) and second(value)
    if len(checks) == 3:
        first, second, third = checks
        return lambda value: first(value) and second(value) and third(value)
    return lambda value: all(each(value) for each in checks)


def _type(_: _Compiler, expected: Any, __: dict[str, Any]) -> Check:
    names = expected if isinstance(expected, list) else [expected]
    if not all(name in TYPES for name in names):
        raise NotCompiled(f"type {expected!r}")
    tests = [TYPES[name] for name in names]
    if len(tests) == 1:
        return tests[0]
    return lambda value: any(test(value) for test in tests)


def _enum(_: _Compiler, allowed: Any, __: dict[str, Any]) -> Check:
    # jsonschema compares with its own equality (true is not 1); for text and null, as the
    # schemas' enumerations hold, that is Python's.
    if not isinstance(allowed, list) or not all(v is None or isinstance(v, str) for v in allowed):
        raise NotCompiled(f"enum {allowed!r}")
    texts = frozenset(v for v in allowed if v is not None)
    with_null = None in allowed
    return lambda value: (
        (value is None and with_null) or (isinstance(value, str) and value in texts)
    )


def _const(_: _Compiler, expected: Any, __: dict[str, Any]) -> Check:
    if isinstance(expected, str):
        return lambda value: isinstance(value, str) and value == expected
    if isinstance(expected, int) and not isinstance(expected, bool):
        return lambda value: TYPES["number"](value) and value == expected
    raise NotCompiled(f"const {expected!r}")


def _pattern(_: _Compiler, pattern: str, __: dict[str, Any]) -> Check:
    search = re.compile(pattern).search
    return lambda value: not isinstance(value, str) or search(value) is not None


def _min_length(_: _Compiler, least: int, __: dict[str, Any]) -> Check:
    return lambda value: not isinstance(value, str) or len(value) >= least


def _max_length(_: _Compiler, most: int, __: dict[str, Any]) -> Check:
    return lambda value: not isinstance(value, str) or len(value) <= most


def _minimum(_: _Compiler, least: Any, __: dict[str, Any]) -> Check:
    return lambda value: not TYPES["number"](value) or value >= least


def _maximum(_: _Compiler, most: Any, __: dict[str, Any]) -> Check:
    return lambda value: not TYPES["number"](value) or value <= most


def _required(_: _Compiler, keys: list[str], __: dict[str, Any]) -> Check:
    return lambda value: not isinstance(value, dict) or all(key in value for key in keys)


def _items(compiler: _Compiler, items: Any, __: dict[str, Any]) -> Check:
    each = compiler.check(items)

    def check(value: Any) -> bool:
        if isinstance(value, list):
            for item in value:
                if not each(item):
                    return False
        return True

    return check


def _min_items(_: _Compiler, least: int, __: dict[str, Any]) -> Check:
    return lambda value: not isinstance(value, list) or len(value) >= least


def _unique_items(_: _Compiler, unique: Any, __: dict[str, Any]) -> Check | None:
    if unique is False:
        return None

    def check(value: Any) -> bool:
        if not isinstance(value, list):
            return True
        # Texts compare as Python compares them; anything else is left to jsonschema.
        return all(isinstance(item, str) for item in value) and len(set(value)) == len(value)

    return check


KEYWORDS: dict[str, Callable[[_Compiler, Any, dict[str, Any]], Check | None]] = {
    "type": _type,
    "enum": _enum,
    "const": _const,
    "pattern": _pattern,
    "minLength": _min_length,
    "maxLength": _max_length,
    "minimum": _minimum,
    "maximum": _maximum,
    "required": _required,
    "properties": _Compiler.properties,
    "additionalProperties": _Compiler.additional,
    "items": _items,
    "minItems": _min_items,
    "uniqueItems": _unique_items,
    "$ref": _Compiler.ref,
}
