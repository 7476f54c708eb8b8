"""Extract: entities, then events, quotes and relations, from the analysed text."""
