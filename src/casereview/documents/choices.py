from django.db import models


class FileKind(models.TextChoices):
    """The kinds of file the service keeps, told from their contents."""

    PDF = "pdf", "PDF"
    WORD = "word_document", "Word document"
    TEXT = "text_file", "Text file"
