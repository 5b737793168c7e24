"""Markdown -> safe HTML for Qt rich text, and word diffs (Step 2b). No Qt."""
