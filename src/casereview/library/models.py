"""The library keeps no records of its own: it reads what partnerships have published of their
reviews (reviews.PublishedReview), and the search entries of their published learning."""
