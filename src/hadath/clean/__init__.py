"""Clean: what in a page is the article (title, body spans) and what it says of itself."""
