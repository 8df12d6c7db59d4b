"""The desk: `bantin serve`, a local web page over the same library the CLI calls.

Flask and waitress are imported when the server starts, never by `bantin --help`.
"""
