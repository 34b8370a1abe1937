# Loaded by the Ralph LRS that tests/lrs.rs starts (this directory is on its
# PYTHONPATH, and nowhere else).
#
# Ralph's file-system backend (5.1) stores each POST of statements with the
# "create" operation, which refuses to write to an existing file: the first
# POST of a server's life is stored and every later one fails with a 500.
# An LRS must take statements again and again, so its writes append here.
# Ralph's own checks (authentication, validation, duplicate ids, 409 for a
# differing statement) are untouched.
import sys

try:
    from ralph.backends.data.base import BaseOperationType
    from ralph.backends.data.fs import FSDataBackend

    FSDataBackend.default_operation_type = BaseOperationType.APPEND
except ImportError as error:  # not Ralph's interpreter: nothing to adjust
    print(f"tests/ralph/sitecustomize.py: {error}", file=sys.stderr)
