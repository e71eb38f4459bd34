"""Turn outside inputs (files, web pages) into articles."""
