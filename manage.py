#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "youthventure.settings")
    # A machine with neither SECRET_KEY nor DATABASE_URL is a development machine (production
    # always sets both), so manage.py works there with no set-up. One with a DATABASE_URL is
    # not taken for one: a production host that lost its SECRET_KEY must not come up in debug
    # mode against the real database; settings refuse to start and say why.
    if "SECRET_KEY" not in os.environ and not os.environ.get("DATABASE_URL"):
        os.environ.setdefault("DEBUG", "true")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
