"""The report documents (reports/*.qmd) import `data_vintage` from here; it is computed in
planwatch/warehouse/vintage.py. Kept so the documents need no edit in the same change."""

from planwatch.warehouse.vintage import data_vintage

__all__ = ["data_vintage"]
