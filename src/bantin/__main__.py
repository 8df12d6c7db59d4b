"""Allow `python -m bantin`."""

from __future__ import annotations

from bantin.cli import main

if __name__ == "__main__":
    main()
