"""The `casereview` command: Django's manage.py for this project."""

import os
import sys

# Commands named with a hyphen on the command line, and the Django command each one runs.
HYPHENATED = {"check-identifying": "check_identifying"}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casereview.settings")
    from django.core.management import execute_from_command_line

    argv = ["casereview", *sys.argv[1:]]  # named so in usage, however it was started
    if len(argv) > 1:
        argv[1] = HYPHENATED.get(argv[1], argv[1])
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
