"""Partnerships, agencies and glossary terms as items of the exchange format (core/mapping.py)."""

from casereview.accounts.models import Agency, GlossaryTerm, Partnership
from casereview.core.mapping import Field, Kind, RecordMapping

PARTNERSHIP = RecordMapping(
    Partnership,
    (
        Field(
            "code",
            schema_extra=(
                ("pattern", "^[A-Z0-9-]{2,16}$"),
                ("description", "2 to 16 characters of A-Z, 0-9 and -"),
            ),
        ),
        Field("name"),
        Field("nation", Kind.CODE),
    ),
)
AGENCY = RecordMapping(Agency, (Field("name"), Field("kind", Kind.CODE)))
GLOSSARY_TERM = RecordMapping(GlossaryTerm, (Field("term"), Field("meaning")))
