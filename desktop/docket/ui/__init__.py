"""PySide6 user interface: the only package that may import Qt."""
