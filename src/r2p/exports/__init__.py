"""Exports: charts with a header and footer, tables as CSV and XLSX, links, and the briefing pack (PDF, PPTX)."""
