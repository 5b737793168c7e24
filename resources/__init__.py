"""Package data: demo sample, icons, stylesheets, translations (loaded via importlib.resources)."""
