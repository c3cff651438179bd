from django.db import models


class Found(models.TextChoices):
    """The kinds of record a search finds, as a result names them."""

    REFERRAL = "found_referral", "Referral"
    CHILD = "found_child", "Child"
    REVIEW = "found_review", "Review"
    LEARNING_POINT = "found_learning_point", "Learning point"
    RECOMMENDATION = "found_recommendation", "Recommendation"
    ACTION = "found_action", "Agency action"
    DOCUMENT_PAGE = "found_document_page", "Document"
    REFERRAL_PAGE = "found_referral_page", "Referral document"
    # The library's (library.selectors): a published review's learning, searched across
    # every partnership, never in a partnership's own search.
    PUBLISHED_LEARNING = "found_published_learning", "Published learning"
