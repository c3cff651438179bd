"""Before a review is published: the newest version of each document the partnership
publishes has been checked for identifying details, and each finding marked removed (in a
version since uploaded) or acceptable.

Working Together to Safeguard Children asks that a review's final report be written so that
publishing it is not likely to harm the welfare of any child or vulnerable adult in the case;
the partnership decides what is published, so a person decides each finding."""

from __future__ import annotations

from casereview.publication.selectors import newest_versions, not_cleared_for_publication
from casereview.reviews.gates import gate
from casereview.reviews.models import Review


@gate("publish")
def identifying_details_cleared(review: Review) -> list[str]:
    return [
        sentence
        for newest in newest_versions(review)
        if newest.to_be_published and (sentence := not_cleared_for_publication(newest))
    ]
