from django.db import models


class ScrutinyStatus(models.TextChoices):
    """Where a scrutineer's comment stands: the partnership has answered it, or not yet."""

    AWAITING = "awaiting", "Awaiting a response"
    RESPONDED = "responded", "Responded"
