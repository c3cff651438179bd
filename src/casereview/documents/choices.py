from django.db import models


class FileKind(models.TextChoices):
    """The kinds of file the service keeps, told from their contents."""

    PDF = "pdf", "PDF"
    WORD = "word_document", "Word document"
    TEXT = "text_file", "Text file"


class TextState(models.TextChoices):
    """Whether a file's text has been read for search (documents.tasks)."""

    WAITING = "text_waiting", "Waiting to be read"
    READ = "text_read", "Read"
    UNREADABLE = "text_unreadable", "Cannot be read"
