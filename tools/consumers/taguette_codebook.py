#!/usr/bin/env python3
"""Read a codebook CSV of ours with Taguette's own codebook import and print its tags.

Usage (a Python with `pip install taguette`):
    python3 tools/consumers/taguette_codebook.py codebook.csv

Taguette's `list_tags_csv` is what its "Import codebook" page runs: it guesses the
encoding, takes the tag from the one column named tag, name or path, and refuses a file
that names two of them.
"""
import sys

from taguette.import_codebook import InvalidCodebook, list_tags_csv

if len(sys.argv) != 2:
    sys.exit(__doc__)
try:
    with open(sys.argv[1], "rb") as f:
        for tag in list_tags_csv(f):
            print(f"{tag['path']!r}: {tag['description']!r}")
except InvalidCodebook as e:
    sys.exit(f"Taguette refuses it: {e.message}" + (f" (row {e.row})" if e.row else ""))
