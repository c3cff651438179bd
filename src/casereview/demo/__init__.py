"""The demonstration partnerships and their users, with the seed's records (`casereview demo`).

Above every other app: it loads records of each of them.
"""
