"""Build (or rebuild) the gazetteer index in the user cache folder ahead of first use.

Usage: python scripts/build_gazetteer.py [--force]
"""

from __future__ import annotations

import sys
import time

from crosswire.nlp.gazetteer import build, index_path


def main() -> None:
    path = index_path()
    if path.exists() and "--force" not in sys.argv[1:]:
        print(f"{path} already built (use --force to rebuild)")
        return
    started = time.perf_counter()
    build(path)
    size = path.stat().st_size / 1e6
    print(f"{path}: {size:.0f} MB in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
