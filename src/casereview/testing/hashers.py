from django.contrib.auth.hashers import Argon2PasswordHasher


class QuickArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2 at its cheapest, for tests only: the same algorithm, a fraction of the work."""

    time_cost = 1
    memory_cost = 64
    parallelism = 1
