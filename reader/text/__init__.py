"""Text utilities: sanitising, language detection."""
