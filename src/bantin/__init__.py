"""bantin: Vietnamese press announcements drafted from ranking data."""

from __future__ import annotations

__version__ = "0.1.0"
