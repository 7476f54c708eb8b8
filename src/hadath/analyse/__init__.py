"""Analyse: normalisation, segmentation and date resolution over the cleaned text."""
